<#import "macros.ftl" as m>
<#assign b = branches[0]>
<@m.header/>

# Track ${track} — ${title} : results dossier (<@m.inline "verdict">${verdict}</@m.inline>)

<@m.metadata metadata/>

## TL;DR — verdict

<@m.block "tldr">
<#if tldr.locked?size == 0>
**ABANDON** <@m.allVariants b/>.<@m.finding b tldr/>

${code(b.baseline)}<#if tldr.baselineNote?has_content> (${tldr.baselineNote?no_esc})</#if> stays as the production champion.
<#else>
<#if tldr.locked?size == 1>**LOCK** <@m.codes tldr.locked/>: every gate of ${plan} ${planSection} passes<#if !b.power.rule> (gate 1 by the house rule alone: the plan turns the corrected test off)</#if>.<#else><@m.severalLock b/></#if><#if b.facts?size gt tldr.locked?size> <#if b.facts?size - tldr.locked?size == 1>The other variant does not lock<#else>The other variants do not lock</#if>: <@m.shortfalls b/>.</#if>
</#if>
</@m.block>
<#if tldr.extra?has_content>

${tldr.extra?no_esc}
</#if>

## 1. Sweep configuration

<@m.block "configuration">
| Param | Value |
|---|---|
| Factor | ${b.factor} (Track ${track}) |
| Variants (${b.variants?size}) | <#list b.variants as v>${v.name}<#if v?is_first || v.params?has_content> (<#if v?is_first>baseline<#if v.params?has_content>, </#if></#if>${v.params})</#if><#sep> ; </#sep></#list> |
| Cryptos (${b.cryptos?size}) | <#list b.cryptos as c>${c}<#sep>, </#sep></#list><#if b.cryptoSet?has_content> (${b.cryptoSet})</#if> |
| Folds | ${b.folds} per crypto<#if b.foldIds?has_content || b.foldNote?has_content> (<#if b.foldIds?has_content>${b.foldIds}<#if b.foldNote?has_content>; </#if></#if>${b.foldNote})</#if> |
| Total useful rows | ${b.coverage.formula} = ${b.coverage.expected}<#if b.coverage.full> ✅ (full coverage)<#else>; ${b.coverage.useful} useful ⚠ (partial coverage)</#if> |
<#list sweepRows as r>
| ${r.key} | ${r.value?no_esc} |
</#list>
</@m.block>

## 2. Per-crypto × variant ${b.metric} (mean across ${b.folds} folds)

<@m.block "means">
<@m.wideMeans b.means/>

<@m.barsFigure b/>

<@m.anomalies b/>
<#if b.baselineWinsAll>
${code(b.baseline)} has the highest ${b.metric} on every crypto; no ${b.label} variant wins anywhere.
<#else>
Highest ${b.metric} per crypto: <#list b.winners as w>${w.crypto} <#list w.variants as v>${code(v)}<#sep> and </#sep></#list><#if w.variants?size gt 1> (tied)</#if><#sep>, </#sep></#list>.
</#if>
</@m.block>

## 3. Paired delta vs baseline (variant - ${b.baseline}, paired by crypto × fold)

<@m.block "paired">
<@m.pairCount b/> paired samples per variant. Bootstrap CI95 (${bootstrap.resamples} resamples, seed=${bootstrap.seed}, ${bootstrap.algorithm}).

<@m.pairedTable b/>

<#if !b.uniformPairs??><@m.exclusions b/></#if>
<@m.direction b/>

<@m.forestFigure b/>

<@m.robustnessTable b/>
</@m.block>
<#if narrative.pairedNote?has_content>

${narrative.pairedNote?no_esc}
</#if>

## 4. Per-track gate verdict (${plan} ${planSection})

<@m.block "gates">
The ${b.gates?size} official gates (every gate must clear for lock) :

<@m.gateTable b/>

<@m.verdictLine b/>
</@m.block>

## 5. Supporting metrics (context, not gating)

### Joint metric breakdown (mean across cryptos)

<@m.block "joint">
<@m.jointTable b/>
</@m.block>
<#if narrative.supporting?has_content>

${narrative.supporting?no_esc}
</#if>

## 6. Decisions

### 6.1 Lock variant

<@m.block "lock">
<#if tldr.locked?size == 0>
No lock. ${code(b.baseline)} stays the baseline in production.<#else><@m.lockDecision b/></#if>
</@m.block>
<#if narrative.lockNote?has_content>

${narrative.lockNote?no_esc}
</#if>
<#list narrative.decisions as d>

### 6.${d?index + 2} ${d.key?no_esc}

${d.value?no_esc}
</#list>
<#if narrative.linkedContext?has_content>

## 7. Linked context

${narrative.linkedContext?no_esc}
</#if>

<@m.footer/>
