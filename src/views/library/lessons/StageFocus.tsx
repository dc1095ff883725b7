import type { LessonFocus } from '../../../lessons/index';
import { useStore } from '../../../store/index';
import { jumpToDecision, jumpToEnd } from '../../../store/playback';
import type { RunSummary } from '../../../worker/protocol';

const MOMENTS = {
  decision: { label: 'Show the decision', show: jumpToDecision },
  end: { label: 'Show the end of the run', show: jumpToEnd },
} as const;

/**
 * What the step points at on the stage, in words; the agents named there are outlined on
 * the stage (the store's lessonFocus), and a button shows the moment the step is about.
 */
export function StageFocus({ focus, summary }: { focus: LessonFocus; summary: RunSummary | null }) {
  const outlined = useStore((s) => s.lessonFocus);
  const decided = useStore((s) => (s.traceIndex?.decisionIndex ?? -1) >= 0);
  const fromRun = summary && focus.fromRun ? focus.fromRun(summary).filter((id) => !focus.agents?.includes(id)) : [];
  const moment = focus.moment ? MOMENTS[focus.moment] : undefined;
  const canShow = summary !== null && (focus.moment !== 'decision' || decided);
  return (
    <div className="lesson-focus-note" data-testid="lesson-focus" data-agents={outlined.join(' ')}>
      <p>
        <strong>On the stage:</strong> {focus.look}
      </p>
      {fromRun.length > 0 && <p>Outlined from your run: {fromRun.join(', ')}.</p>}
      {moment && canShow && (
        <button type="button" className="small" onClick={moment.show}>
          {moment.label}
        </button>
      )}
    </div>
  );
}
