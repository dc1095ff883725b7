import { useStore } from '../index';
import { legendSections } from '../stage/legend';
import { forEachInFlight, glyphsAt, partitionAt, runVocabulary } from '../traceIndex';
import { legendHeight, legendSvg, legendWidth } from './legendSvg';
import { MIN_PICTURE_WIDTH, type PictureFlight, type PictureOptions, type SvgPicture } from './topologySvg';
import { escapeXml } from './xmlText';

/** Messages in flight an exported picture draws (a denser moment keeps the first ones, as the stage does). */
const MAX_PICTURE_FLIGHTS = 4000;

/** The stage's box on screen, when it is drawn. */
function stageBox(): { width: number; height: number } | null {
  const el = typeof document === 'undefined' ? null : document.querySelector('[data-testid="stage"]');
  return el ? { width: el.clientWidth, height: el.clientHeight } : null;
}

/**
 * What the stage shows at the player's moment, for an exported picture: the glyphs, the partition
 * and the messages in flight when the current run is this swarm's, the legend of what is drawn,
 * and the stage's size (the picture is at least as large).
 */
export function stageMoment(): PictureOptions {
  const { topology, traceIndex, summary, cursor, playTime, trace } = useStore.getState();
  const n = topology?.agents.length ?? 0;
  const ours = traceIndex && summary && summary.agents === n && traceIndex.agentCount === n ? traceIndex : null;
  const behaviours = topology ? [...new Set(topology.agents.map((a) => a.behaviour))] : [];
  const box = stageBox();
  const options: PictureOptions = {
    legend: legendSections({ behaviours, vocabulary: ours ? runVocabulary(ours) : null }),
    stageWidth: box?.width,
    stageHeight: box?.height,
  };
  if (!ours || !trace) return options;
  const flights: PictureFlight[] = [];
  forEachInFlight(ours, playTime, (from, to, progress, delivered, kind) => {
    if (flights.length < MAX_PICTURE_FLIGHTS) flights.push({ from, to, progress, delivered, kind });
  });
  return {
    ...options,
    glyphs: glyphsAt(ours, cursor),
    partition: partitionAt(ours, cursor),
    flights,
    caption: `${summary?.runKind ?? 'run'} · t = ${Math.round(playTime).toLocaleString('en-US')} ms · event ${(cursor + 1).toLocaleString('en-US')} of ${trace.length.toLocaleString('en-US')}`,
  };
}

/**
 * An aggregate (well-mixed) run's picture: the field as the stage shows it (one pixel per agent,
 * embedded as a PNG, scaled without smoothing), its caption and its legend. Undefined when the
 * stage shows no field.
 */
export function aggregateFieldPicture(title: string): SvgPicture | undefined {
  const canvas =
    typeof document === 'undefined'
      ? null
      : document.querySelector<HTMLCanvasElement>('canvas[data-testid="aggregate-field"]');
  if (!canvas) return undefined;
  const caption = document.querySelector('[data-testid="field-caption"]')?.textContent ?? '';
  const legend = legendSections({ behaviours: [], vocabulary: null, field: true });
  const width = Math.max(MIN_PICTURE_WIDTH, stageBox()?.width ?? 0);
  const height = Math.max(760, legendHeight(legend) + 100);
  const side = Math.min(width - legendWidth(legend) - 48, height - 120);
  const scale = side / Math.max(canvas.width, canvas.height);
  const [w, h] = [canvas.width * scale, canvas.height * scale];
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`,
    `<title>${escapeXml(title)}</title>`,
    '<rect width="100%" height="100%" fill="#ffffff"/>',
    `<text x="24" y="34" font-family="system-ui, sans-serif" font-size="20" font-weight="700" fill="#1b2733">${escapeXml(title)}</text>`,
    `<text x="24" y="56" font-family="system-ui, sans-serif" font-size="13" fill="#4a5866">${escapeXml(caption)}</text>`,
    `<image x="24" y="80" width="${w.toFixed(1)}" height="${h.toFixed(1)}" preserveAspectRatio="none" style="image-rendering:pixelated" href="${canvas.toDataURL('image/png')}"/>`,
    legendSvg(legend, width - legendWidth(legend) + 4, 80),
    '</svg>',
  ].join('\n');
  return { svg, width, height };
}
