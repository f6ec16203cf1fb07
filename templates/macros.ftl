<#-- Tables and lines shared by the layouts. Every ${value} is Markdown-escaped by the output
     format; ?no_esc only ever wraps Markdown written by people in a spec. -->

<#macro verdictCounts counts><#list counts as c>${c.label} × ${c.count}<#sep>, </#sep></#list></#macro>

<#-- One row per crypto, one column per variant (baseline first). -->
<#macro wideMeans table>
| Crypto | <#list table.variants as v>${v}<#if v?is_first> (baseline)</#if><#sep> | </#sep></#list> |
|<#list 0..table.variants?size as i>---|</#list>
<#list table.rows as r>
| ${r.crypto} | <#list r.values as x>${x}<#sep> | </#sep></#list> |
</#list>
</#macro>

<#macro pairedTable branch>
| Variant | mean Δ${branch.metric} | CI95 low | CI95 high | Cohen's d | raw paired t p | BH p (m=${branch.m}) |
|---|---|---|---|---|---|---|
<#list branch.comparisons as c>
| ${code(c.variant)} | ${c.meanDelta} | ${c.ciLow} | ${c.ciHigh} | ${c.cohensD} | ${c.pRaw} | ${c.pBh} |
</#list>
<@undefinedNotes branch/>
</#macro>

<#-- Under a paired table: why a variant's d, p and CI read n/a. A blank line first, or the note
     would be read as a row of the table. -->
<#macro undefinedNotes branch>
<#list branch.comparisons as c>
<#if c.undefined?has_content>

n/a: <#if c.undefined == "spread">the deltas of ${code(c.variant)} are all equal (spread 0)<#else>${code(c.variant)} has fewer than 2 pairs</#if>, so d, p and the CI are undefined.
</#if>
</#list>
</#macro>

<#macro gateTable branch>
| # | Gate | Threshold | Verdict |
|---|---|---|---|
<#list branch.gates as g>
| ${g.number} | ${g.label} | ${g.evidence} | <@verdictCounts g.counts/> |
</#list>
</#macro>

<#macro jointTable branch>
| Variant | Δexpectancy | Δsortino | Δmax_drawdown |
|---|---|---|---|
<#list branch.joint as j>
| ${code(j.variant)} | ${j.expectancy} | ${j.sortino} | ${j.maxDrawdown} |
</#list>
</#macro>

<#-- Pairs left out of the paired statistics, each with its reason. -->
<#macro exclusions branch>
<#list branch.comparisons as c>
<#list c.excluded>
Excluded from ${code(c.variant)} (${c.excluded?size} pair<#if c.excluded?size != 1>s</#if>):
<#items as e>
- ${e}
</#items>

</#list>
</#list>
</#macro>

<#-- The sentence under a paired table: where the CIs sit, how large the effects are. How strong
     the evidence is rests on the fold-corrected test (Robustness), not on the naive p. -->
<#macro direction b>
<#local n = b.comparisons?size>
<#if b.direction.below == n>
<#if n == 1>The CI95 excludes 0<#else>Every variant's CI95 excludes 0</#if> in the wrong direction. Cohen's d <#if n == 1>= ${b.direction.weakestD}<#else>≤ ${b.direction.weakestD} on every variant</#if> (${b.direction.weakestLabel} effect)<#if b.direction.correctedBelow == n> and, corrected for the folds' correlation, <#if n == 1>p = <#else>every p ≤ </#if>${b.direction.maxCorrectedP}: ${b.label} regresses ${b.metric} on this data, beyond noise.<#else>; corrected for the folds' correlation, <@notBeyondNoise b/>.</#if>
<#elseif b.direction.above == n>
<#if n == 1>The CI95 excludes 0<#else>Every variant's CI95 excludes 0</#if> in the right direction. Cohen's d <#if n == 1>= ${b.direction.weakestD}<#else>≥ ${b.direction.weakestD} on every variant</#if> (${b.direction.weakestLabel} effect)<#if b.direction.correctedAbove == n> and, corrected for the folds' correlation, <#if n == 1>p = <#else>every p ≤ </#if>${b.direction.maxCorrectedP}.<#else>; corrected for the folds' correlation, <@notBeyondNoise b/>.</#if>
<#else>
CI95 below 0: ${b.direction.below} of ${n} ; above 0: ${b.direction.above} of ${n} ; including 0: ${b.direction.straddling} of ${n}<#if b.direction.undefined gt 0> ; undefined: ${b.direction.undefined} of ${n}</#if>.
</#if>
</#macro>

<#-- The variants whose corrected CI95 includes 0 or is undefined: "`a` and `b` cannot be told from noise". -->
<#macro notBeyondNoise b><@andList b.direction.correctedAcross?map(v -> code(v))/> cannot be told from noise (see Robustness)</#macro>

<#-- The fold-corrected figures: the folds of a crypto share training data, so its pairs are not
     independent (Nadeau–Bengio within each crypto; the posterior is the correlated Bayesian t-test). -->
<#macro robustnessTable b three=false>
**Robustness.** The folds of a crypto share training data, so their pairs are not independent: the t-test corrected within each crypto (Nadeau–Bengio, r = n_test/n_train = ${b.power.ratio}<#if b.power.defaultRatio> for ${b.folds} folds</#if>), its posterior P(Δ > ${b.power.rope}) and the smallest lift detected with 80 % power (MDE80).

| Variant | corrected p | corrected CI95 | P(Δ > ${b.power.rope}) | MDE80 |
|---|---|---|---|---|
<#list b.robustness as r>
| ${code(r.variant)} | ${r.p} | <#if r.undefined?has_content>n/a<#elseif three>${r.ci3}<#else>[${r.ciLow}, ${r.ciHigh}]</#if> | ${r.pBetter} | ${r.mde} |
</#list>
<#list b.robustness?filter(r -> r.undefined?has_content) as r>

n/a: the corrected figures of ${code(r.variant)} are undefined<#if r.undefined == "none">: it has no pair<#elseif r.undefined == "pair">: a crypto has a single pair, so its variance is unknown<#else>: the deltas are all equal within each crypto (SE 0)</#if>.
</#list>

<@powerSentence b/>
</#macro>

<#-- What lift the sweep can see, and what gate 1 asks of the corrected test. -->
<#macro powerSentence b>
<#local p = b.power>
<#if p.defined == 0>The corrected figures are undefined for <#if b.comparisons?size == 1>the variant<#else>every variant</#if>, so the sweep's power cannot be stated.<#elseif p.detectable == p.defined>The sweep can detect the gate's lift of ${p.rope} with at least 80 % power (MDE80 ≤ ${p.mdeMax}).<#else>The sweep could detect a lift of ${p.mdeMin}<#if p.mdeMin != p.mdeMax> to ${p.mdeMax}</#if> with 80 % power; the gate asks for ${p.rope}: a variant that truly lifted ${b.metric} by ${p.rope} would reach significance with a probability of <#if p.detectable == 0>only </#if>${p.powerMin}<#if p.powerMin != p.powerMax> to ${p.powerMax}</#if>.</#if><#if p.rule> Gate 1 also asks the corrected interval at ${p.familyLevel} % (Bonferroni over m=${p.m}) to lie above 0.<#else> The plan turns the corrected rule off: gate 1 is the house rule alone.</#if>
</#macro>

<#-- The sentences of a verdict, chosen by the branch's facts (Dossier.VariantFacts, Direction):
     which side of 0 each CI95 lies on, how many cryptos move, which gates fail. A sentence never
     states a direction, a count or a range that these facts do not hold. -->

<#-- "a", "a and b", "a, b and c" -->
<#macro andList items><#list items as x>${x}<#if x?has_next><#if x?index == items?size - 2> and <#else>, </#if></#if></#list></#macro>

<#-- "a", "a or b", "a, b or c" -->
<#macro orList items><#list items as x>${x}<#if x?has_next><#if x?index == items?size - 2> or <#else>, </#if></#if></#list></#macro>

<#-- Several variants lock, and one value of the factor is locked: the numbers favour the highest
     mean Δ as printed (Lead), or a tie, which the sweep does not break. The gates compare each
     variant with the baseline only, so the sentence says so. -->
<#macro severalLock b>
<#local lead = b.lead>
<#local leaders = lead.variants?map(v -> code(v))>
**LOCK** <@orList leaders/>: <@andList b.locked?map(v -> code(v))/> pass every gate of ${plan} ${planSection}<#if !b.power.rule> (gate 1 by the house rule alone: the plan turns the corrected test off)</#if>, and <#if lead.variants?size == 1>${leaders[0]} has<#elseif lead.others?has_content><@andList leaders/> tie for<#else>tie for</#if> the highest mean Δ${b.metric} (${lead.delta}<#if lead.others?has_content>, against <@andList lead.others?map(o -> o.delta + " for " + code(o.variant))/></#if>); the gates compare each variant with ${code(b.baseline)}, not the variants with each other<#if lead.variants?size gt 1>, so the sweep does not choose <#if leaders?size == 2>between<#else>among</#if> <@andList leaders/></#if>.</#macro>

<#-- 6.1: the variant to lock; with several locking, the one the numbers favour, or the tie. -->
<#macro lockDecision b><#if b.locked?size == 1>Lock ${code(b.locked[0])}.<#elseif b.lead.variants?size == 1>Lock ${code(b.lead.variants[0])}: the highest mean Δ${b.metric} (${b.lead.delta}) of the ${b.locked?size} variants that pass every gate.<#else>Lock <@orList b.lead.variants?map(v -> code(v))/>: they tie for the highest mean Δ${b.metric} (${b.lead.delta}) of the ${b.locked?size} variants that pass every gate; the sweep does not choose <#if b.lead.variants?size == 2>between<#else>among</#if> them.</#if></#macro>

<#macro codes names><#list names as v>${code(v)}<#sep>, </#sep></#list></#macro>

<#-- "for all 4 focal variants (`a`, `b`, `c`, `d`)", or "for the focal variant `a`" -->
<#macro allVariants b><#if b.facts?size == 1>for the ${b.label} variant ${code(b.facts[0].variant)}<#else>for <#if b.facts?size == 2>both<#else>all ${b.facts?size}</#if> ${b.label} variants (<#list b.facts as f>${code(f.variant)}<#sep>, </#sep></#list>)</#if></#macro>

<#macro everyCi n><#if n == 1>the CI95<#else>every variant's CI95</#if></#macro>

<#-- The range of the defined Cohen's d; the TL;DR leaves it out when none is defined. -->
<#macro dRange t>Cohen's d <#if t.dMin == t.dMax>= ${t.dMin}<#else>∈ [${t.dMin}, ${t.dMax}]</#if></#macro>

<#-- What keeps a variant from locking: "fails gates 2 (Joint metric) and 5 (Sample size)". -->
<#macro shortfall f><#if f.failed?has_content>fails gate<#if f.failed?size gt 1>s</#if> <@andList f.failed/></#if><#if f.failed?has_content && f.warned?has_content>, and </#if><#if f.warned?has_content>is ⚠ on gate<#if f.warned?size gt 1>s</#if> <@andList f.warned/></#if></#macro>

<#macro shortfalls b><#list b.facts?filter(f -> f.verdict != "LOCK") as f>${code(f.variant)} <@shortfall f/><#sep>; </#sep></#list></#macro>

<#-- Mixed outcomes: each side of 0 with its variants, their d and the cryptos they move. -->
<#macro sides b>
<#local groups = [["above", "CI95 above 0"], ["below", "CI95 below 0"], ["across", "CI95 including 0"], ["undefined", "d, p and CI95 undefined"]]>
<#local first = true>
<#list groups as g><#local members = b.facts?filter(f -> f.side == g[0])><#if members?has_content><#if !first>; </#if><#local first = false>${g[1]} for <#list members as f>${code(f.variant)}<#if f.side == "above"> (d = ${f.d}, up on ${f.improved}/${f.cryptos} cryptos)<#elseif f.side == "below"> (d = ${f.d}, down on ${f.regressed}/${f.cryptos} cryptos)<#elseif f.d?has_content> (d = ${f.d})</#if><#sep>, </#sep></#list></#if></#list></#macro>

<#-- The finding of a TL;DR that locks nothing. -->
<#macro finding b t>
<#local n = b.facts?size>
<#local dir = b.direction>
<#if dir.below == n && t.hypothesis?has_content && dir.correctedBelow != n> The hypothesis "${t.hypothesis?no_esc}" is not confirmed: <@everyCi n/> lies below 0 (<@dRange t/>), but corrected for the folds' correlation, <@notBeyondNoise b/>.
<#elseif dir.below == n><#if t.hypothesis?has_content> The hypothesis "${t.hypothesis?no_esc}" is rejected<#if t.cryptosAgainst == t.cryptos> by ${t.cryptosAgainst}/${t.cryptos} cryptos with ${t.effectLabel} effect size in the wrong direction (<@dRange t/>)<#else>: <@everyCi n/> lies below 0, with ${t.effectLabel} effect size (<@dRange t/>)<#if t.cryptosAgainst gt 0>, and <#if n == 1>it is<#else>every variant is</#if> below ${code(b.baseline)} on ${t.cryptosAgainst}/${t.cryptos} cryptos</#if></#if>.<#else> ${b.metric} falls: <@everyCi n/> lies below 0, with ${t.effectLabel} effect size (<@dRange t/>).</#if>
<#elseif dir.above == n><#if t.hypothesis?has_content> The hypothesis "${t.hypothesis?no_esc}" <#if dir.correctedAbove == n>holds<#else>finds naive support only</#if> for ${b.metric}:<#else> ${b.metric} rises:</#if> <@everyCi n/> lies above 0 (<@dRange t/>)<#if t.cryptosFor == t.cryptos>, up on all ${t.cryptos} cryptos</#if><#if dir.correctedAbove != n>, but corrected for the folds' correlation, <@notBeyondNoise b/></#if>; yet <#if n == 1>it does not pass<#else>no variant passes</#if> every gate: <@shortfalls b/>.
<#elseif dir.below == 0 && dir.above == 0><#if dir.undefined == n> d, p and the CI95 are undefined for <#if n == 1>the variant<#else>every variant</#if> (see section 3), so no test of ${b.metric} can be stated.<#else> <#if n == 1>The CI95 includes 0<#else>No variant's CI95 excludes 0</#if>: the sweep cannot tell <#if n == 1>it<#else>the variants</#if> from ${code(b.baseline)} on ${b.metric}<#if t.dMin?has_content> (<@dRange t/>)</#if><#if t.hypothesis?has_content>, and gives the hypothesis "${t.hypothesis?no_esc}" no support</#if><#if dir.undefined gt 0>; d, p and the CI95 are undefined for <@codes b.facts?filter(f -> f.side == "undefined")?map(f -> f.variant)/></#if>.</#if>
<#else> ${b.metric}: <@sides b/>. No variant passes every gate: <@shortfalls b/>.
</#if>
</#macro>

<#-- The Verdict line of the gate-decision layout's header. -->
<#macro verdictSummary b qualified=false><#if b.locked?size == 1>LOCK ${b.locked[0]}<#if qualified> (${b.factor})</#if><#elseif b.locked?has_content>LOCK <@orList b.lead.variants/><#if qualified> (${b.factor})</#if> — <#if b.lead.variants?size == 1>the<#else>tied for the</#if> highest mean Δ${b.metric} (${b.lead.delta}) of the ${b.locked?size} variants that pass every gate<#else>ABANDON ${b.factor} variant<#if b.facts?size gt 1>s</#if> (<#list b.facts as f>${f.variant}<#sep> + </#sep></#list>)<#if b.direction.below == b.facts?size> — <#if b.facts?size == 1>it regresses<#elseif b.facts?size == 2>both regress<#else>all regress</#if> ${b.metric}<#if tldr.cryptosAgainst == tldr.cryptos> on ${tldr.cryptos}/${tldr.cryptos} cryptos</#if> with <@significance b b.direction.correctedBelow/><#elseif b.direction.above == b.facts?size> — <#if b.facts?size == 1>it lifts ${b.metric} with <@significance b b.direction.correctedAbove/>, and <@shortfall b.facts[0]/><#else><#if b.facts?size == 2>both<#else>all</#if> lift ${b.metric} with <@significance b b.direction.correctedAbove/>, and <#if b.facts?size == 2>neither<#else>none</#if> passes every gate: <@shortfalls b/></#if></#if></#if></#macro>

<#-- The track's Verdict: the first branch's, then each further branch that locks, with its own
     variant (a further branch that abandons says so in its own section, as the house page has it). -->
<#macro trackVerdict><#local further = branches[1..]?filter(fb -> fb.locked?has_content)><@verdictSummary branches[0] further?has_content/><#list further as fb> ; LOCK <@orList fb.lead.variants/> (${fb.factor})</#list></#macro>

<#-- Statistical significance as the fold-corrected test has it, for every variant or the naive test only. -->
<#macro significance b corrected><#if corrected == b.facts?size>statistical significance<#else>naive significance only (not after correcting for the folds)</#if></#macro>

<#-- "Verdict per variant : FAIL on 4 of 6 gates → all 4 focal variants ABANDON." -->
<#macro verdictLine b>
<#local v = b.verdicts[0]>
<#if b.uniformVerdict && b.verdicts?size gt 1>
Verdict per variant : <@gateTally v/> → <#if b.verdicts?size == 2>both<#else>all ${b.verdicts?size}</#if> ${b.label} variants ${v.verdict}.
<#else>
Verdict per variant : <#list b.verdicts as x>${code(x.variant)} <@gateTally x/> → ${x.verdict}<#sep> ; </#sep></#list>.
</#if>
</#macro>

<#macro gateTally v><#if v.failed == 0 && v.warned == 0>PASS on all ${v.gates} gates<#else><#if v.failed gt 0>FAIL on ${v.failed}</#if><#if v.failed gt 0 && v.warned gt 0>, </#if><#if v.warned gt 0>⚠ on ${v.warned}</#if> of ${v.gates} gates</#if></#macro>

<#-- "n=25", or "n=24 after excluding UNIUSDC fold 3: …", or one count per variant. -->
<#macro pairCount b><#if b.uniformPairs??>n=${b.uniformPairs}<#if b.commonExclusions??> after excluding ${b.commonExclusions}</#if><#else><#list b.comparisons as c>${code(c.variant)} n=${c.pairs}<#sep>, </#sep></#list></#if></#macro>

<#-- Footnote under a per-crypto table: every anomaly of the branch, with the rows it was seen on. -->
<#macro anomalies b>
<#list b.anomalies as a>
<#if a.constant>
⚠ ${a.metric} anomaly : every row of <#list a.variants as v>${code(v)}<#sep> and </#sep></#list> reads exactly ${a.value} (bit for bit, ${a.rows} rows) while the baseline ${code(b.baseline)} varies. Gates that read ${a.metric} are not evaluated for <#if a.variants?size == 1>it<#else>them</#if>.
<#else>
⚠ ${a.text}.
</#if>

</#list>
<#list b.ties as t>
⚠ Two completed attempts of ${code(t.variant)}, ${t.cell} have the same created_at (${t.createdAt}): the one of run ${code(t.counted)} counts, by the later run id, and the one of run ${code(t.other)} is set aside.

</#list>
</#macro>

<#-- The long per-crypto table of the gate-decision layout. -->
<#macro longMeans b>
| Crypto | Variant | mean ${b.metric} | mean sortino | mean return | mean trades | mean ECE |
|---|---|---|---|---|---|---|
<#list b.longMeans as r>
| ${r.crypto} | ${r.variant} | <#list r.values as x>${x}<#sep> | </#sep></#list> |
</#list>
</#macro>

<#-- Criterion × variant, each cell ✅/❌/⚠ with its evidence. -->
<#macro criteriaTable b>
| Criterion | <#list b.criteria.variants as v>${v}<#sep> | </#sep></#list> |
|---|<#list b.criteria.variants as v>---|</#list>
<#list b.criteria.rows as r>
| ${r.label} | <#list r.cells as c>${c}<#sep> | </#sep></#list> |
</#list>
</#macro>

<#-- The short paired table of a further branch. -->
<#macro compactPaired b>
| Variant | mean Δ${b.metric} | CI95 | Cohen's d | BH p (m=${b.m}) |
|---|---|---|---|---|
<#list b.comparisons as c>
| ${code(c.variant)} | ${c.meanDelta} | ${c.ci3} | ${c.cohensD2} | ${c.pBh} |
</#list>
<@undefinedNotes b/>
</#macro>

<#-- A further branch's gates as a list: "- Stability : PASS × 2 (max variance 0.025 (LDOUSDC))". -->
<#macro gateList b>
<#list b.gates as g>
- ${g.shortName} : <#if g.moot>not analysed (moot given the ${b.metric} gate fail)<#else><@verdictCounts g.counts/> (${g.evidence})</#if>
</#list>
</#macro>

<#-- Generated blocks: everything between the markers is replaced by `dossier refresh`; the
     rest of the file belongs to people. Markers are HTML comments, invisible once rendered. -->
<#macro block name>
<!-- dossier:begin ${name} -->
<#nested>

<!-- dossier:end ${name} -->
</#macro>

<#macro inline name><!-- dossier:begin ${name} --><#nested><!-- dossier:end ${name} --></#macro>

<#macro header>
<!-- dossier:spec ${provenance.spec} — generated by dossier from ${provenance.specFile}. `dossier refresh` replaces the text between dossier:begin and dossier:end markers; everything else is yours. -->
</#macro>

<#-- The footer that lets a reviewer reproduce every figure. -->
<#macro footer>
---

<@block "provenance">
Provenance : dossier ${provenance.version}, spec `${provenance.specFile}`, rows from <#if provenance.database>PostgreSQL at ${provenance.source}<#else>the snapshot `${provenance.source}`</#if> (${provenance.rows} rows; SHA-256 of the rows in canonical order `${provenance.sha256}`). Bootstrap: ${bootstrap.resamples} resamples, seed ${bootstrap.seed}, ${bootstrap.algorithm}; BH over the variants of each branch; paired t-test two-sided.
</@block>
</#macro>

<#-- "Key : value" lines; a backslash ends each line but the last (a hard break that editors and
     whitespace hooks do not strip, unlike two trailing spaces). A generated value is marked
     inline, so people may edit the other lines. -->
<#macro metadata lines>
<#list lines as l>
${l.key} : <#if l.generated><@inline "meta-" + l.key?lower_case?replace("[^a-z0-9]+", "-", "r")><#if l.key == "Verdict"><@trackVerdict/><#else>${l.value}</#if></@inline><#else>${l.value?no_esc}</#if><#sep>\</#sep>
</#list>
</#macro>

<#-- An image whose alt text states the result in words; brackets in it are escaped so that
     a name from the data cannot end the alt text. -->
<#macro figure path><#local alt><#nested></#local>![${alt?markup_string?replace("(?<!\\\\)([\\[\\]])", "\\\\$1", "r")?no_esc}](${path})</#macro>

<#macro forestFigure b>
<@figure b.forest.file>Forest plot of the paired Δ${b.metric} vs ${b.baseline}, mean and CI95 per variant: <#if b.direction.below == b.comparisons?size><#if b.comparisons?size == 1>the CI95 lies<#else>every CI95 lies</#if> below 0, in the wrong direction<#elseif b.direction.above == b.comparisons?size>every CI95 lies above 0<#else>${b.direction.below} of ${b.comparisons?size} CI95 below 0, ${b.direction.above} above 0, ${b.direction.straddling} across 0</#if>; ${b.forest.clearing} of ${b.comparisons?size} clear the ${b.forest.thresholdLabel}.</@figure>
</#macro>

<#macro barsFigure b>
<@figure b.bars.file>Bar chart of the mean ${b.metric} per crypto and variant: <#if b.baselineWinsAll>${b.baseline} is highest on every crypto<#else>highest per crypto: <#list b.winners as w>${w.crypto} <#list w.variants as v>${v}<#sep> and </#sep></#list><#if w.variants?size gt 1> (tied)</#if><#sep>, </#sep></#list></#if>.</@figure>
</#macro>
