// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { pictureOfSvg } from '../../../src/store/sharing/elementPicture';

const SVG_NS = 'http://www.w3.org/2000/svg';

describe('a drawn SVG saved as a file', () => {
  it('is valid XML whatever its labels hold (U+FFFE, U+FFFF, lone surrogates, control characters)', () => {
    const svg = document.createElementNS(SVG_NS, 'svg');
    const label = document.createElementNS(SVG_NS, 'text');
    label.textContent = 'send\uFFFE x\uFFFF to \uD800agent-2\u0007 ✓';
    label.setAttribute('aria-label', 'event \uFFFF 3');
    svg.append(label);
    document.body.append(svg);
    const picture = pictureOfSvg(svg, 'Diagram \uFFFE');
    expect(picture).toBeDefined();
    const text = picture?.svg ?? '';
    expect(text).toMatch(/^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u);
    expect(text).toContain('send x to agent-2 ✓');
    expect(text).toContain('aria-label="event  3"');
    const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(parsed.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(parsed.documentElement.localName).toBe('svg');
    // The page's own drawing is untouched: only the copy is cleaned.
    expect(label.textContent).toContain('\uFFFE');
  });
});
