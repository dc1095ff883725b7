import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { LEADER_LESSONS } from '../src/lessons/leaders';
import { expect, test } from './fixtures';

/** Screenshots for the docs: docs/screens/leaders-*.png, at both sizes the docs show. */
const SCREENS = 'docs/screens';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/** A small page object over the roles and accessible names these journeys use. */
const ui = (page: Page) => ({
  async build(topology: string, agents: number) {
    await page.getByRole('combobox', { name: 'Topology' }).selectOption(topology);
    await page.getByRole('spinbutton', { name: 'Agents', exact: true }).fill(String(agents));
    await expect(page.getByRole('img', { name: new RegExp(`Swarm of ${agents} agents`) })).toBeVisible();
  },
  async choose(run: string) {
    await page.getByRole('combobox', { name: 'What to run' }).selectOption(run);
  },
  number(name: string) {
    return page.getByRole('spinbutton', { name, exact: true });
  },
  async tab(name: string) {
    await page.getByRole('tab', { name, exact: true }).click();
  },
  async run() {
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Run finished\.$/ })).toBeVisible({ timeout: 60_000 });
  },
  async skipToEnd() {
    await page.getByRole('button', { name: 'Skip to end' }).click();
    await expect(page.getByTestId('autoplay-state')).toHaveText('At the end of the run.');
  },
  serverRows: page.getByTestId('raft-servers').locator(':scope > li'),
});

/** Both sizes, the tab scrolled to `show` (its top by default). */
async function screenshots(page: Page, name: string, show = page.getByTestId(/^(raft|pbft)-view$/)) {
  mkdirSync(SCREENS, { recursive: true });
  const before = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await show.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENS}/leaders-${name}-${size.width}.png` });
  }
  if (before) await page.setViewportSize(before);
}

test('Raft on five servers: a leader elected, seen in the Consensus tab with every server’s term, vote and log', async ({
  page,
}) => {
  const p = ui(page);
  await page.goto('/');
  await p.build('mesh', 5);
  await p.choose('raft');
  await expect(p.number('Client commands')).toHaveValue('5');
  await p.run();
  await p.tab('Consensus');
  // The run plays from its start: at the end one server leads and every server is in its term.
  await p.skipToEnd();
  await expect(page.getByTestId('raft-now')).toHaveText(
    /At [\d,]+ ms: highest term \d+; leader agent-\d \(term \d+\)\./,
  );
  await expect(p.serverRows).toHaveCount(5);
  await expect(p.serverRows.and(page.locator('[data-role="leader"]'))).toHaveCount(1);
  await expect(page.getByTestId('raft-commands').getByRole('listitem')).toHaveCount(5);
  await expect(page.getByTestId('raft-commands')).not.toContainText('not committed');
  await expect(page.getByTestId('property-election-safety')).toHaveAttribute('data-verdict', 'held');
  const axe = await new AxeBuilder({ page }).include('[data-testid="raft-view"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  // Back to the start: nobody leads yet.
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await expect(page.getByTestId('raft-now')).toContainText('no leader');
  await p.skipToEnd();
  await screenshots(page, 'raft');
});

/**
 * Each rule Raft and PBFT keep, broken by its teaching switch on a swarm built in the form: the
 * counterexample search finds the violation within the seed budget the engine tests state
 * (test/engine/consensus/{raft,pbft}/teaching.test.ts: 500), the result and the Consensus tab name
 * the witnesses, and the seed it found runs safe with the rule kept — the rule is what protects.
 */
const BUDGET = 500;
/** A committed entry missing from a later leader's log: the writer and the leader without it. */
const LEADER_COMPLETENESS = {
  property: 'Leader Completeness',
  propertyId: 'leader-completeness',
  witnesses: [
    /^agent-\d committed the entry at index \d+ in term \d+$/,
    /^agent-\d became leader of term \d+ without that entry$/,
  ],
};
const SWITCHES: {
  rule: string;
  shot: string;
  /** The swarm built in the form: a mesh of `agents`, agent-1 with `primary`'s behaviour when given. */
  agents: number;
  primary?: string;
  kind: 'raft' | 'pbft';
  /** Run fields typed into the form (the switch still off). */
  fields: Record<string, string>;
  toggle: RegExp;
  property: string;
  propertyId: string;
  witnesses: RegExp[];
}[] = [
  {
    rule: 'Raft committing an earlier term’s entry by counting replicas (Figure 8)',
    shot: 'figure8',
    agents: 3,
    kind: 'raft',
    fields: {
      'Client commands': '10',
      'First one at (ms)': '300',
      'Time between commands (ms)': '270',
      'Run for (ms)': '4000',
      'Chance the leader is cut off as it takes a command': '0.5',
      'Faults stop and heal at (ms)': '3000',
    },
    toggle: /^Teaching switch: commit earlier terms’ entries/,
    ...LEADER_COMPLETENESS,
  },
  {
    rule: 'Raft granting votes without the up-to-date log check',
    shot: 'up-to-date',
    agents: 3,
    kind: 'raft',
    fields: {
      'Run for (ms)': '4000',
      'Random crashes': '3',
      'Random partitions': '3',
      'Faults stop and heal at (ms)': '3000',
    },
    toggle: /^Teaching switch: grant votes without the up-to-date log check/,
    ...LEADER_COMPLETENESS,
  },
  {
    rule: 'a Raft server that votes twice in a term',
    shot: 'double-vote',
    agents: 3,
    kind: 'raft',
    // Close timeouts make candidates collide, which a second vote needs.
    fields: { 'Election timeout max (ms)': '170' },
    toggle: /^Teaching switch: a server votes twice in a term/,
    property: 'Election Safety',
    propertyId: 'election-safety',
    witnesses: [/^agent-\d became leader of term \d+$/, /^agent-\d also became leader of term \d+$/],
  },
  {
    rule: 'PBFT with quorums of f + 1 and an equivocating primary',
    shot: 'weak-quorums',
    agents: 5,
    primary: 'equivocate',
    kind: 'pbft',
    fields: {},
    toggle: /^Teaching switch: quorums of f \+ 1 instead of 2f \+ 1/,
    property: 'agreement',
    propertyId: 'agreement',
    witnesses: [
      /^agent-\d executed request [0-9a-f]{8}… as number \d+ \(view \d+\)$/,
      /^agent-\d executed request [0-9a-f]{8}… as number \d+ \(view \d+\)$/,
    ],
  },
];

for (const s of SWITCHES) {
  test(`teaching switch, ${s.rule}: the search finds the violation within ${BUDGET} seeds and names its witnesses`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const p = ui(page);
    await page.goto('/');
    await p.build('mesh', s.agents);
    if (s.primary) {
      await p.tab('Inspector');
      await page.locator('g[data-agent="agent-1"]').click();
      await page.getByRole('combobox', { name: 'Behaviour', exact: true }).selectOption(s.primary);
    }
    await p.choose(s.kind);
    for (const [name, value] of Object.entries(s.fields)) await p.number(name).fill(value);
    const toggle = page.getByRole('checkbox', { name: s.toggle });
    await expect(toggle).not.toBeChecked();
    await toggle.check();
    await expect(page.getByTestId('run-warnings')).toContainText('Teaching switch on:');
    await expect(page.getByTestId('run-warnings')).toContainText('safety is not guaranteed');

    await p.tab('Counterexample');
    await expect(page.getByTestId('property')).toContainText(s.property);
    await page.getByRole('spinbutton', { name: 'Seeds to try' }).fill(String(BUDGET));
    await page.getByRole('button', { name: 'Find a counterexample' }).click();
    const found = page.getByTestId('search-result');
    await expect(found).toContainText(/Counterexample: seed \d+/, { timeout: 120_000 });
    const listed = found.getByRole('list', { name: 'Witnesses' }).getByRole('listitem');
    await expect(listed).toHaveCount(s.witnesses.length);
    await expect(page.getByRole('status').filter({ hasText: /^Run finished\.$/ })).toBeVisible({ timeout: 60_000 });

    // The run the search found is open in the player: once the cursor passes the violation, the tab shows it.
    await p.tab('Consensus');
    await p.skipToEnd();
    const verdict = page.getByTestId(`property-${s.propertyId}`);
    await expect(verdict).toHaveAttribute('data-verdict', 'broken');
    const witnesses = verdict.getByRole('list', { name: /^Witnesses/ }).getByRole('listitem');
    await expect(witnesses).toHaveCount(s.witnesses.length);
    for (const [i, pattern] of s.witnesses.entries()) await expect(witnesses.nth(i)).toHaveText(pattern);
    await screenshots(page, s.shot, verdict);

    // The rule kept: the same seed (now the scenario's) runs safe — the rule, not the schedule, made the difference.
    await toggle.uncheck();
    await expect(page.getByTestId('run-warnings').filter({ hasText: 'Teaching switch on:' })).toHaveCount(0);
    await p.run();
    await p.skipToEnd();
    await expect(verdict).toHaveAttribute('data-verdict', 'held');
    await expect(page.locator('[data-testid^="property-"][data-verdict="broken"]')).toHaveCount(0);
    // The budget the user typed is still there after moving between tabs.
    await p.tab('Counterexample');
    await expect(page.getByRole('spinbutton', { name: 'Seeds to try' })).toHaveValue(String(BUDGET));
  });
}

test('a crash added at the cursor: one undoable edit, the run computed again and shown at that moment', async ({
  page,
}) => {
  const p = ui(page);
  await page.goto('/');
  await p.build('mesh', 5);
  await p.choose('raft');
  await p.run();
  await p.tab('Consensus');
  await p.skipToEnd();
  const now = await page.getByTestId('raft-now').textContent();
  const leader = /leader (agent-\d)/.exec(now ?? '')?.[1];
  expect(leader).toBeDefined();
  const hash = await page.getByTestId('trace-hash').textContent();

  // Pick a moment after the election, select the leader on the stage, and crash it there.
  await page.getByLabel('Timeline (simulated ms)').fill('1000');
  await expect(page.getByTestId('playback-time')).toHaveText('t = 1,000 ms');
  await page.locator(`g[data-agent="${leader}"]`).click();
  const crash = page.getByRole('button', { name: `Crash ${leader} here` });
  await crash.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /^Run finished\.$/ })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('trace-hash')).not.toHaveText(hash ?? '');
  await expect(page.getByTestId('playback-time')).toHaveText('t = 1,000 ms');
  await expect(page.locator(`[data-testid="raft-servers"] li[data-agent="${leader}"]`)).toHaveAttribute(
    'data-role',
    'down',
  );
  // Later in the new run, another server leads in a higher term.
  await p.skipToEnd();
  await expect(page.getByTestId('raft-now')).toHaveText(new RegExp(`leader (?!${leader}\\b)agent-\\d \\(term [2-9]`));
  await expect(page.getByRole('button', { name: `Restart ${leader} here` })).toBeVisible();
  await screenshots(page, 'crash-at-cursor');
  // One Undo takes the crash out again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('stale-banner')).toBeVisible();
});

test('PBFT with a silent primary: the view changes and the phases fill in at every replica', async ({ page }) => {
  const p = ui(page);
  await page.goto('/');
  await p.build('mesh', 4);
  await page.locator('g[data-agent="agent-1"]').click();
  await p.tab('Inspector');
  await page.getByRole('combobox', { name: 'Behaviour', exact: true }).selectOption('silent');
  await p.choose('pbft');
  await expect(page.getByTestId('pbft-f-hint')).toContainText('4 replicas tolerate up to f = 1');
  await p.run();
  await p.tab('Consensus');
  await p.skipToEnd();
  await expect(page.getByTestId('pbft-now')).toContainText('view 1, primary agent-2');
  await expect(page.getByTestId('pbft-now')).toContainText('3 of 3 requests committed');
  const rows = page.getByTestId('pbft-replicas').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  const cells = rows.nth(1).locator('td.phase');
  await expect(cells).toHaveCount(3);
  for (const cell of await cells.all()) await expect(cell).toHaveAttribute('data-phase', 'executed');
  const axe = await new AxeBuilder({ page })
    .include('[data-testid="pbft-view"]')
    .include('.faults-at-cursor')
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  await screenshots(page, 'pbft');
});

test('the five leader lessons, every step walked and every observation seen in the learner’s run', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('/');
  const size = page.viewportSize();
  for (const lesson of LEADER_LESSONS) {
    await page.getByRole('tab', { name: 'Lessons' }).click();
    await page.getByRole('button', { name: lesson.title, exact: true }).click();
    const panel = page.locator('[data-lesson-panel]');
    for (const [i, step] of lesson.steps.entries()) {
      await expect(panel.getByText(`Step ${i + 1} of ${lesson.steps.length}`)).toBeVisible();
      if (step.highlight) {
        const highlighted = page.locator('[data-lesson-highlight="true"]');
        await expect(highlighted).toHaveCount(1);
        await expect(highlighted).toHaveAccessibleName(step.highlight);
      }
      const observation = page.getByTestId('lesson-observation');
      await expect(observation).toHaveAttribute('data-seen', 'pending');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expect(page.getByRole('status').filter({ hasText: /^Run finished\.$/ })).toBeVisible({ timeout: 60_000 });
      await page.getByRole('button', { name: 'Skip to end' }).click();
      await expect(observation).toHaveAttribute('data-seen', 'yes');
      await expect(observation.getByRole('status')).toHaveText('✓ Seen in your run.');
      await expect(page.getByTestId('lesson-measured')).toContainText('Your run:');
      if (i === lesson.steps.length - 1) {
        mkdirSync(SCREENS, { recursive: true });
        await page.setViewportSize(SIZES[0]);
        await observation.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${SCREENS}/leaders-lesson-${lesson.id}.png` });
        if (size) await page.setViewportSize(size);
        await page.getByRole('button', { name: 'Finish' }).click();
      } else await panel.getByRole('button', { name: 'Next' }).click();
    }
  }
});
