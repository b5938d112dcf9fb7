// Alert rule commands: the add / edit wizard (pair, metric, condition, threshold, re-arm level, severity,
// cooldown), remove, toggle and mute. Rules live in settings; the desk picks them up from there.
import * as vscode from 'vscode';
import { ALERT_METRICS, suggestedRearm, type AlertMetric, type AlertOperator, type AlertRule, type AlertSeverity } from '../../engine/alerts/alertRule';
import { isMuted, muteEnd, MUTE_DURATIONS, type MuteDuration } from '../../engine/alerts/alertMute';
import { parseAlertRuleSetting } from '../alertRuleSettings';
import { ruleIdOfNode } from '../alertsTree';
import type { HostContext } from '../hostContext';
import { showInputBox, showQuickPick, WIZARD_STEP } from '../pickers';
import { newRuleId, parsePairArgument, validateCooldownInput, validateRearmInput, validateThresholdInput } from '../inputValidation';
import { pairIdOfNode } from '../pairsTree';
import { ruleText } from '../viewModels';
import type { CommandTable } from './commandTable';

const METRIC_LABELS: Record<AlertMetric, string> = {
  z: 'z-score of the spread (live and on bar close)',
  spread: 'spread Y − (α + β·X) (live and on bar close)',
  correlation: 'rolling correlation of returns (bar close)',
  beta: 'hedge ratio β (bar close)',
  adfPValue: 'ADF p-value of the spread (tests run on bar close)',
  egPValue: 'Engle-Granger p-value (tests run on bar close)',
  halfLife: 'half-life of mean reversion, bars (tests run on bar close)',
  price: 'last price of the Y leg (live and on bar close)',
};

export function alertRuleCommands(c: HostContext): CommandTable {
  return [
    ['quantPairs.addAlertRule', (arg?: unknown) => editRule(c, undefined, arg)],
    [
      'quantPairs.editAlertRule',
      async (arg?: unknown) => {
        const rule = await resolveRule(c, arg);
        if (rule) await editRule(c, rule, undefined);
      },
    ],
    [
      'quantPairs.removeAlertRule',
      async (arg?: unknown) => {
        const rule = await resolveRule(c, arg);
        if (!rule) return;
        await c.settings.saveRules(c.settings.value.alertRules.filter((r) => r.id !== rule.id));
        c.log.info(`Removed alert rule ${rule.id}`);
      },
    ],
    [
      'quantPairs.toggleAlertRule',
      async (arg?: unknown) => {
        const rule = await resolveRule(c, arg);
        if (!rule) return;
        await c.settings.saveRules(c.settings.value.alertRules.map((r) => (r.id === rule.id ? { ...r, enabled: !r.enabled } : r)));
      },
    ],
    [
      'quantPairs.muteAlerts',
      async (arg?: unknown, duration?: unknown) => {
        const rule = await resolveRule(c, arg);
        if (!rule) return;
        const now = Date.now();
        const muted = isMuted(rule, now);
        const given = MUTE_DURATIONS.find((d) => d.id === duration);
        if (duration !== undefined && !given && duration !== 'unmute') {
          throw new Error(`"${String(duration)}" is not a mute duration; use ${MUTE_DURATIONS.map((d) => d.id).join(', ')} or unmute.`);
        }
        const choice =
          given?.id ??
          (duration === 'unmute'
            ? 'unmute'
            : (
                await showQuickPick(
                  [
                    ...MUTE_DURATIONS.map((d) => ({ label: `Mute for ${d.label}`, id: d.id as MuteDuration | 'unmute' })),
                    ...(muted ? [{ label: 'Unmute now', id: 'unmute' as const }] : []),
                  ],
                  { title: `Mute ${ruleText(rule)}`, placeHolder: muted ? `Muted until ${clock(rule.mutedUntil!)}` : 'For how long? The mute ends by itself.' },
                )
              )?.id);
        if (!choice) return;
        const mutedUntil = choice === 'unmute' ? undefined : muteEnd(choice, now);
        await c.settings.saveRules(
          c.settings.value.alertRules.map((r) => {
            if (r.id !== rule.id) return r;
            const { mutedUntil: _previous, ...rest } = r;
            return mutedUntil === undefined ? rest : { ...rest, mutedUntil };
          }),
        );
        c.log.info(mutedUntil === undefined ? `Alert rule ${rule.id} unmuted` : `Alert rule ${rule.id} muted until ${clock(mutedUntil)}`);
        void vscode.window.showInformationMessage(
          mutedUntil === undefined ? `Quant Pairs: ${ruleText(rule)} is no longer muted.` : `Quant Pairs: ${ruleText(rule)} muted until ${clock(mutedUntil)}.`,
        );
      },
    ],
  ];
}

function clock(epochMs: number): string {
  return `${new Date(epochMs).toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}

/** The rule a command acts on: its argument (a tree node or a rule id), else a QuickPick. */
async function resolveRule(c: HostContext, arg: unknown): Promise<AlertRule | undefined> {
  const rules = c.settings.value.alertRules;
  const id = ruleIdOfNode(arg);
  if (id !== undefined) {
    const rule = rules.find((r) => r.id === id);
    if (!rule) void vscode.window.showErrorMessage(`Quant Pairs: there is no alert rule ${id}.`);
    return rule;
  }
  if (rules.length === 0) {
    void vscode.window.showInformationMessage('Quant Pairs: there are no alert rules yet.');
    return undefined;
  }
  const pick = await showQuickPick(
    rules.map((r) => ({ label: ruleText(r), description: `${r.id}${r.enabled ? '' : ' (disabled)'}`, rule: r })),
    { placeHolder: 'Which alert rule?' },
  );
  return pick?.rule;
}

/** Add (rule undefined) or edit a rule, step by step: pair, metric, condition, threshold, re-arm level, severity, cooldown. */
async function editRule(c: HostContext, existing: AlertRule | undefined, arg: unknown): Promise<string | undefined> {
  const rules = c.settings.value.alertRules;
  // Direct form for scripts and tests: addAlertRule({pair, metric, operator, threshold, ...}).
  if (!existing && typeof arg === 'object' && arg !== null && 'threshold' in arg) {
    const parsed = parseAlertRuleSetting({ id: newRuleId(new Set(rules.map((r) => r.id))), ...(arg as object) });
    if (typeof parsed === 'string') throw new Error(`Alert rule rejected: ${parsed}`);
    await c.settings.saveRules([...rules, parsed.rule]);
    return parsed.rule.id;
  }
  const title = existing ? `Edit ${existing.id}` : 'Add Alert Rule';
  const pairFromArg = pairIdOfNode(arg) ?? parsePairArgument(arg);
  const pairItems = [{ label: '*', description: 'every pair' }, ...c.desk.list().map((p) => ({ label: p.id, description: p.id === existing?.pair ? 'current' : '' }))];
  const pairPick = pairFromArg ? { label: pairFromArg } : await showQuickPick(pairItems, { ...WIZARD_STEP, placeHolder: 'Alert on which pair?', title });
  if (!pairPick) return;
  const metricPick = await showQuickPick(
    ALERT_METRICS.map((m) => ({ label: m, description: METRIC_LABELS[m] + (m === existing?.metric ? ' (current)' : ''), metric: m })),
    { ...WIZARD_STEP, placeHolder: 'Metric', title },
  );
  if (!metricPick) return;
  const m = metricPick.metric;
  const ops: { label: string; operator: AlertOperator; description: string }[] = [
    { label: `|${m}| above`, operator: '|x|>', description: `fires when ${m} leaves ±threshold` },
    { label: `${m} above`, operator: '>', description: `fires when ${m} rises above the threshold` },
    { label: `${m} below`, operator: '<', description: `fires when ${m} falls below the threshold` },
  ];
  const opPick = await showQuickPick(ops, { ...WIZARD_STEP, placeHolder: 'Condition', title });
  if (!opPick) return;
  const operator = opPick.operator;
  const thresholdText = await showInputBox({
    ...WIZARD_STEP,
    title: 'Threshold',
    prompt: `${opPick.label} what? e.g. ${m === 'z' ? '2' : m.endsWith('PValue') ? '0.05' : m === 'correlation' ? '0.8' : 'a level'}`,
    value: String(existing?.metric === m ? existing.threshold : m === 'z' ? c.settings.value.zEntry : m.endsWith('PValue') ? 0.05 : ''),
    validateInput: (t) => validateThresholdInput(t, operator === '|x|>'),
  });
  if (!thresholdText) return;
  const threshold = Number(thresholdText.trim());
  const keepRearm = existing && existing.metric === m && existing.operator === operator && existing.threshold === threshold;
  const rearmText = await showInputBox({
    ...WIZARD_STEP,
    title: 'Re-arm level',
    prompt: `After firing, the rule re-arms only when ${operator === '|x|>' ? `|${m}|` : m} is back ${operator === '<' ? 'above' : 'below'} this level`,
    value: String(keepRearm ? existing.rearm : Number(suggestedRearm(m, operator, threshold).toPrecision(6))),
    validateInput: (t) => validateRearmInput(t, operator, threshold),
  });
  if (!rearmText) return;
  const sevPick = await showQuickPick(
    [
      { label: 'warning' as AlertSeverity, description: 'yellow status bar' },
      { label: 'error' as AlertSeverity, description: 'red status bar' },
    ],
    { ...WIZARD_STEP, placeHolder: 'Severity', title },
  );
  if (!sevPick) return;
  const cooldownText = await showInputBox({
    ...WIZARD_STEP,
    title: 'Cooldown (seconds)',
    prompt: 'Minimum time between two firings of this rule on one pair',
    value: String(Math.round((existing?.cooldownMs ?? 60_000) / 1000)),
    validateInput: validateCooldownInput,
  });
  if (cooldownText === undefined) return;
  const rule: AlertRule = {
    id: existing?.id ?? newRuleId(new Set(rules.map((r) => r.id))),
    pair: pairPick.label,
    metric: m,
    operator,
    threshold,
    rearm: Number(rearmText.trim()),
    cooldownMs: Number(cooldownText.trim()) * 1000,
    enabled: existing?.enabled ?? true,
    severity: sevPick.label,
  };
  await c.settings.saveRules(existing ? rules.map((r) => (r.id === existing.id ? rule : r)) : [...rules, rule]);
  c.log.info(`${existing ? 'Edited' : 'Added'} alert rule ${rule.id}: ${ruleText(rule)}`);
  return rule.id;
}
