import { describe, expect, it } from 'vitest';
import { type MemoryProvider, memoryContractCases, runMemoryCase } from '../../../src/engine/memory';

/**
 * Registers the MemoryProvider contract as one vitest test per case, each on a
 * fresh provider; the browser runs the same cases through `runMemoryContract`.
 */
export function memoryProviderContract(name: string, makeProvider: () => MemoryProvider | Promise<MemoryProvider>) {
  describe(`${name} satisfies the MemoryProvider contract`, () => {
    for (const testCase of memoryContractCases) {
      it(testCase.name, async () => {
        const result = await runMemoryCase(testCase, makeProvider);
        expect(result.error).toBeUndefined();
        expect(result.ok).toBe(true);
      });
    }
  });
}
