import { useEffect } from 'react';
import { watchLessonFocus } from '../../../lessons/focus';
import { LESSONS, type Lesson, lessonById } from '../../../lessons/index';
import { backToLesson, closeLesson, goToStep, isOffScript, openLesson } from '../../../lessons/progress';
import { useStore } from '../../../store/index';
import { highlightControl } from './highlight';
import { StageFocus } from './StageFocus';
import '../library.css';

/** The “Lessons” tab: a list of lessons, or the open lesson's current step with back/next. */
export function LessonsPanel() {
  const progress = useStore((s) => s.lesson);
  // A lesson restored with the page (not opened from this panel) still outlines its agents.
  useEffect(() => void watchLessonFocus(), []);
  const lesson = progress ? lessonById(progress.id) : undefined;
  if (!progress || !lesson) return <LessonList />;
  return <LessonStepView lesson={lesson} step={progress.step} />;
}

function LessonList() {
  return (
    <div className="lessons" data-lesson-panel>
      <p className="hint">Each lesson loads a scenario, points at a control and says what you should see.</p>
      <ol className="lesson-list">
        {LESSONS.map((l) => (
          <li key={l.id}>
            <button type="button" className="lesson-open" onClick={() => openLesson(l.id)}>
              {l.title}
            </button>
            <span className="hint">{l.summary}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function LessonStepView({ lesson, step }: { lesson: Lesson; step: number }) {
  const current = lesson.steps[step];
  const scenario = useStore((s) => s.scenario);
  const summary = useStore((s) => s.summary);
  const offScript = isOffScript(scenario, lesson, step);
  const seen = summary && current.observe && !offScript ? current.observe.seen(summary) : undefined;
  useEffect(() => (current.highlight ? highlightControl(current.highlight) : undefined), [current]);
  const last = step === lesson.steps.length - 1;
  return (
    <article className="lessons" data-lesson-panel aria-labelledby="lesson-title">
      <header className="lesson-head">
        <h3 id="lesson-title">{lesson.title}</h3>
        <button type="button" className="small" onClick={closeLesson}>
          All lessons
        </button>
      </header>
      <p className="lesson-count" aria-live="polite">
        Step {step + 1} of {lesson.steps.length}: <strong>{current.title}</strong>
      </p>
      <p className="lesson-text">{current.text}</p>
      {current.highlight && <p className="hint">Look for the outlined control: “{current.highlight}”.</p>}
      {current.focus && <StageFocus focus={current.focus} summary={offScript ? null : summary} />}
      {current.observe && (
        <div
          className="lesson-observe"
          data-testid="lesson-observation"
          data-seen={seen === true ? 'yes' : seen === false ? 'no' : 'pending'}
        >
          <p>
            <strong>You should see:</strong> {current.observe.text}
          </p>
          {summary && !offScript && current.observe.measured?.(summary) && (
            <p data-testid="lesson-measured">{current.observe.measured(summary)}</p>
          )}
          <p role="status">
            {offScript
              ? 'You have changed the lesson’s scenario: explore, then come back.'
              : seen === true
                ? '✓ Seen in your run.'
                : seen === false
                  ? '✗ Not what this run shows: look again at the Results.'
                  : 'Run the scenario to check.'}
          </p>
        </div>
      )}
      {offScript && (
        <button type="button" onClick={backToLesson}>
          Back to the lesson
        </button>
      )}
      {current.tryThis && current.tryThis.length > 0 && (
        <div className="lesson-try">
          <strong>Try this</strong>
          <ul>
            {current.tryThis.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </div>
      )}
      <nav className="button-row" aria-label="Lesson steps">
        <button type="button" onClick={() => goToStep(step - 1)} disabled={step === 0}>
          Back
        </button>
        {last ? (
          <button type="button" onClick={closeLesson}>
            Finish
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => goToStep(step + 1)}>
            Next
          </button>
        )}
      </nav>
    </article>
  );
}
