<#import "macros.ftl" as m>
<#assign b = branches[0]>
<#assign decisions = 5 + narrative.sections?size>
<@m.header/>

# Track ${track} — ${title} results & gate decision

<@m.metadata metadata/>

## 1. Sweep state

<@m.block "sweep-state">
Rows in `finetune_results` for run ${b.runs?join(", ")}, per factor and variant :

| Factor | Variant | Useful rows (n_trades > 0) | Coverage (cryptos × folds) |
|---|---|---|---|
<#list sweepState as s>
| ${s.factor} | ${s.variant}<#if s.baseline> (baseline)</#if> | ${s.useful}<#if s.partial> partial</#if> | ${s.coverage}<#if s.note?has_content> — ${s.note?no_esc}</#if> |
</#list>
</@m.block>
<#if narrative.sweepState?has_content>

${narrative.sweepState?no_esc}
</#if>

## 2. Per-crypto means (${b.folds} folds each<#if b.foldIds?has_content>, ${b.foldIds}</#if>, baseline = ${b.baseline})

<@m.block "means">
<@m.longMeans b/>

<@m.barsFigure b/>

<@m.anomalies b/>
</@m.block>
<#if narrative.meansNote?has_content>
${narrative.meansNote?no_esc}
</#if>

## 3. Per-fold paired deltas (variant - ${b.baseline})

<@m.block "paired">
Statistics on <@m.pairCount b/> pairs per variant (${b.cryptos?size} cryptos × ${b.folds} folds). Every metric is paired: same crypto and fold, only the variant differs. Bootstrap CI95 (${bootstrap.resamples} resamples, seed=${bootstrap.seed}, ${bootstrap.algorithm}).

| Variant | mean Δ${b.metric} | mean Δsortino | mean Δreturn | Cohen's d | CI95 bootstrap (n=${bootstrap.resamples?replace(",", "")}) |
|---|---|---|---|---|---|
<#list b.comparisons as c>
| ${code(c.variant)} | ${c.meanDelta} | ${c.sortinoDelta} | ${c.returnDelta} | ${c.cohensD2}<#if c.effectLabel?has_content> (${c.effectLabel})</#if> | ${c.ci3}<#if c.undefined?has_content><#elseif c.ciExcludesZero> excludes 0<#else> includes 0</#if> |
</#list>
<@m.undefinedNotes b/>

<#if !b.uniformPairs??><@m.exclusions b/></#if>
<@m.direction b/>

<@m.forestFigure b/>

<@m.robustnessTable b true/>
</@m.block>
<#if narrative.pairedNote?has_content>

${narrative.pairedNote?no_esc}
</#if>

## 4. Gate evaluation per ${plan} ${planSection}

<@m.block "gates">
<@m.criteriaTable b/>

<@m.verdictLine b/>
</@m.block>
<#list narrative.sections as s>

## ${s?index + 5}. ${s.key?no_esc}

${s.value?no_esc}
</#list>

## ${decisions}. Decisions

### ${decisions}.1 Lock variant

<@m.block "lock">
<#if tldr.locked?size == 0>
<#if branches[1..]?filter(fb -> fb.locked?has_content)?has_content>No ${b.factor} variant locks: ${code(b.baseline)} stays the baseline.<#else>No lock. ${code(b.baseline)} stays the baseline.</#if><#else><@m.lockDecision b/></#if>
</@m.block>
<#if narrative.lockNote?has_content>

${narrative.lockNote?no_esc}
</#if>
<#list branches[1..] as fb>

<#assign id = "branch-" + (fb?index + 2)>
### ${decisions}.${fb?index + 2} ${fb.title} — <@m.inline id + "-verdict"><#if fb.locked?size gt 0>LOCK <@m.orList fb.lead.variants?map(v -> code(v))/><#else>ABANDON</#if></@m.inline>

<#if fb.intro?has_content>
${fb.intro?no_esc}

</#if>
<@m.block id + "-stats">
Run : ${fb.run.ids} — status ${fb.run.status} (${fb.run.rows} rows logged: ${fb.run.cryptos} cryptos × ${fb.run.folds} folds × ${fb.run.variants} variants [<#list fb.variants as v>${v.name}<#sep>, </#sep></#list>] = ${fb.run.expected} expected<#if fb.run.retries gt 0> + ${fb.run.retries} retr<#if fb.run.retries == 1>y<#else>ies</#if></#if> ; ${fb.run.useful} useful<#if fb.run.failures?size gt 0> ; failed: ${fb.run.failures?join(", ")}</#if>).

Stats vs ${code(fb.baseline)} baseline (paired by crypto × fold, <@m.pairCount fb/>) :

<@m.compactPaired fb/>

<@m.forestFigure fb/>

<@m.robustnessTable fb true/>

<#if !fb.uniformPairs??><@m.exclusions fb/></#if>
${fb.gates?size} gates verdict (per ${plan} ${planSection}) — <#if fb.uniformVerdict><#if fb.verdicts?size == 1>the variant<#elseif fb.verdicts?size == 2>both variants<#else>all ${fb.verdicts?size} variants</#if>: <@m.gateTally fb.verdicts[0]/><#else>per variant below</#if> :

<@m.gateList fb/>
<#if !fb.uniformVerdict>

<@m.verdictLine fb/>
</#if>
<#if fb.locked?has_content>

<@m.lockDecision fb/>

</#if>
</@m.block>

<#if fb.decision?has_content>
${fb.decision?no_esc}

</#if>
<@m.block id + "-means">
Per-crypto ${fb.metric} summary<#if fb.baselineWinsAll> (every variant below ${fb.baseline} on every crypto)</#if> :

<@m.wideMeans fb.means/>

<@m.barsFigure fb/>
</@m.block>
<#if fb.after?has_content>

${fb.after?no_esc}
</#if>
</#list>
<#list narrative.decisions as d>

### ${decisions}.${d?index + branches?size + 1} ${d.key?no_esc}

${d.value?no_esc}
</#list>
<#if narrative.linkedContext?has_content>

## ${decisions + 1}. Linked context

${narrative.linkedContext?no_esc}
</#if>

<@m.footer/>
