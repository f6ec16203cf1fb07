<#-- The forest plot of a branch's paired deltas. Every number arrives formatted; text is
     XML-escaped by the output format. -->
<svg xmlns="http://www.w3.org/2000/svg" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" font-family="sans-serif" font-size="13">
  <title>${f.title}</title>
  <style>
    .wrong { stroke: #c0392b; fill: #c0392b; }
    .neutral { stroke: #7f8c8d; fill: #7f8c8d; }
    .pass { stroke: #1e8449; fill: #1e8449; }
    .grid { stroke: #e5e5e5; }
    .axis { stroke: #333; }
    .gate { stroke: #1e8449; stroke-dasharray: 6 4; }
    text { fill: #222; }
  </style>
  <rect width="${f.width}" height="${f.height}" fill="#ffffff"/>
  <text x="${f.plotLeft}" y="24" font-size="15" font-weight="bold">${f.title}</text>
<#list f.ticks as t>
  <line class="grid" x1="${t.at}" y1="${f.plotTop}" x2="${t.at}" y2="${f.plotBottom}"/>
  <text x="${t.at}" y="${f.plotBottom?number + 18}" text-anchor="middle" font-size="11">${t.label}</text>
</#list>
  <line class="axis" x1="${f.zeroX}" y1="${f.plotTop?number - 8}" x2="${f.zeroX}" y2="${f.plotBottom}" stroke-width="1.5"/>
  <text x="${f.zeroX}" y="${f.plotTop?number - 12}" text-anchor="middle" font-size="11">0</text>
  <line class="gate" x1="${f.thresholdX}" y1="${f.plotTop?number - 8}" x2="${f.thresholdX}" y2="${f.plotBottom}" stroke-width="1.5"/>
  <text x="${f.thresholdX}" y="${f.plotTop?number - 24}" text-anchor="middle" font-size="11" fill="#1e8449">${f.thresholdLabel}</text>
<#list f.rows as r>
  <text x="${f.plotLeft?number - 12}" y="${r.y?number + 4}" text-anchor="end">${r.label}</text>
  <line class="${r.kind}" x1="${r.lowX}" y1="${r.y}" x2="${r.highX}" y2="${r.y}" stroke-width="2.5"/>
  <line class="${r.kind}" x1="${r.lowX}" y1="${r.y?number - 6}" x2="${r.lowX}" y2="${r.y?number + 6}" stroke-width="2"/>
  <line class="${r.kind}" x1="${r.highX}" y1="${r.y?number - 6}" x2="${r.highX}" y2="${r.y?number + 6}" stroke-width="2"/>
  <circle class="${r.kind}" cx="${r.meanX}" cy="${r.y}" r="5.5"/>
  <text x="${r.meanX}" y="${r.y?number - 10}" text-anchor="middle" font-size="11">${r.value}</text>
</#list>
<#list f.legend as l>
  <rect class="${l.kind}" x="${l.x}" y="${l.y?number - 9}" width="12" height="10"/>
  <text x="${l.x?number + 18}" y="${l.y}" font-size="11">${l.label}</text>
</#list>
</svg>
