export {
  type MemoryContractCase,
  type MemoryContractResult,
  memoryContractCases,
  runMemoryCase,
  runMemoryContract,
} from './contract';
export { InMemoryProvider, type InMemoryProviderOptions } from './inMemoryProvider';
export { type JsonValue, jsonBytes, MAX_JSON_DEPTH, toJson, utf8Bytes } from './jsonValue';
export { checkName, type MemoryProvider } from './memoryProvider';
export { isStorageError, STORAGE_ERROR_KINDS, StorageError, type StorageErrorKind } from './storageError';
