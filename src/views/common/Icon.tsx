/** Small inline icons (fonts may lack media-control glyphs); always paired with an accessible name on the button. */
const PATHS = {
  start: 'M4 3h2v10H4zM14 3v10L7 8z',
  'round-back': 'M8 3v10L2 8zM15 3v10L9 8z',
  back: 'M12 3v10L5 8z',
  play: 'M5 3v10l8-5z',
  pause: 'M4 3h3v10H4zM9 3h3v10H9z',
  forward: 'M4 3v10l7-5zM11 3h2v10h-2z',
  'round-forward': 'M1 3v10l6-5zM8 3v10l6-5z',
  end: 'M2 3v10l7-5zM10 3h2v10h-2z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false" className="icon">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
