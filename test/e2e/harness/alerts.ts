// Adds an alert rule through "Quant Pairs: Add Alert Rule" as a user does, answering each step
// (pair, metric, condition, threshold, re-arm level, severity, cooldown) by what the step asks,
// so the scenarios do not depend on the exact order or on optional steps.
import { Page } from 'playwright-core';
import { waitFor } from '../../../scripts/host/wait';
import { answerQuickInput, quickInputText, quickInputVisible, runCommand } from './workbench';

export interface AlertRuleAnswers {
  pair: string;
  metric: string;
  condition: string;
  threshold: string;
  rearm: string;
  severity: 'warning' | 'error';
  cooldownSeconds: string;
}

export async function addAlertRuleViaPalette(page: Page, answers: AlertRuleAnswers): Promise<void> {
  // Most specific first: a step's text can mention words of another (e.g. a threshold prompt).
  const steps: [string, RegExp, string][] = [
    ['pair', /Alert on which pair/i, answers.pair],
    ['metric', /(^|\| )Metric\b/, answers.metric],
    ['condition', /Condition/, answers.condition],
    ['rearm', /Re-arm/i, answers.rearm],
    ['threshold', /Threshold/, answers.threshold],
    ['severity', /Severity/, answers.severity],
    ['cooldown', /Cooldown/i, answers.cooldownSeconds],
  ];
  const answered = new Set<string>();
  await runCommand(page, 'Quant Pairs: Add Alert Rule');
  while (!answered.has('cooldown')) {
    const [name, pattern, value] = await waitFor(
      `the next step of Add Alert Rule (answered: ${[...answered].join(', ') || 'none'})`,
      async () => {
        if (!(await quickInputVisible(page))) return undefined;
        const text = await quickInputText(page);
        return steps.find(([n, re]) => !answered.has(n) && re.test(text));
      },
      { timeoutMs: 20_000 },
    );
    await answerQuickInput(page, pattern, value);
    answered.add(name);
  }
}
