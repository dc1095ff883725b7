import { ExportSection } from './ExportSection';
import { ImportSection } from './ImportSection';
import { SavesSection } from './SavesSection';
import { ShareSection } from './ShareSection';
import './library.css';

/** The “Library” tab: saves, share link, import and export. */
export function LibraryPanel() {
  return (
    <div className="library">
      <ShareSection />
      <SavesSection />
      <ImportSection />
      <ExportSection />
    </div>
  );
}
