import { MAX_SVG_EXPORT_ELEMENTS, type SvgPicture, xmlSafe } from './topologySvg';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The presentation properties a drawn SVG gets from our stylesheet; copied inline so the file looks the same alone. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
];

/**
 * A standalone SVG document of an SVG drawn on the page (the space-time diagram):
 * a copy with the stylesheet's presentation inlined, a white background and a
 * title. Text stays text: the serializer escapes it, so labels cannot become
 * markup, and characters XML cannot hold are dropped. Undefined when the drawing has more than MAX_SVG_EXPORT_ELEMENTS elements.
 */
export function pictureOfSvg(svg: SVGSVGElement, title: string): SvgPicture | undefined {
  const source = svg.querySelectorAll('*');
  if (source.length > MAX_SVG_EXPORT_ELEMENTS) return undefined;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const copied = copy.querySelectorAll('*');
  source.forEach((element, i) => {
    const computed = getComputedStyle(element);
    copied[i].setAttribute('style', STYLE_PROPS.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';'));
  });
  const { width, height } = svg.getBoundingClientRect();
  // As a namespace declaration (not a plain attribute), so a serializer never writes it twice.
  copy.setAttributeNS('http://www.w3.org/2000/xmlns/', 'xmlns', SVG_NS);
  copy.setAttribute('width', String(Math.round(width)));
  copy.setAttribute('height', String(Math.round(height)));
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  copy.insertBefore(background, copy.firstChild);
  const heading = document.createElementNS(SVG_NS, 'title');
  heading.textContent = title;
  copy.insertBefore(heading, copy.firstChild);
  dropNonXmlChars(copy);
  return { svg: new XMLSerializer().serializeToString(copy), width, height };
}

/**
 * Removes what XML cannot hold (U+FFFE, U+FFFF, lone surrogates, control
 * characters) from every text and attribute of `root`: the serializer writes
 * them as they are, and the file would not open as XML.
 */
function dropNonXmlChars(root: Element): void {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? '';
    const safe = xmlSafe(text);
    if (safe !== text) node.nodeValue = safe;
  }
  for (const element of [root, ...root.querySelectorAll('*')])
    for (const attr of [...element.attributes]) {
      const safe = xmlSafe(attr.value);
      if (safe !== attr.value) attr.value = safe;
    }
}
