<#-- Grouped bars of the primary metric per crypto. Colours by series: the baseline first. -->
<#assign colours = ["#2c3e50", "#e67e22", "#8e44ad", "#16a085", "#c0392b", "#2980b9", "#7f8c8d", "#d4ac0d"]>
<svg xmlns="http://www.w3.org/2000/svg" width="${b.width}" height="${b.height}" viewBox="0 0 ${b.width} ${b.height}" font-family="sans-serif" font-size="13">
  <title>${b.title}</title>
  <rect width="${b.width}" height="${b.height}" fill="#ffffff"/>
  <text x="${b.plotLeft}" y="24" font-size="15" font-weight="bold">${b.title}</text>
<#list b.yTicks as t>
  <line stroke="#e5e5e5" x1="${b.plotLeft}" y1="${t.at}" x2="${b.plotRight}" y2="${t.at}"/>
  <text x="${b.plotLeft?number - 8}" y="${t.at?number + 4}" text-anchor="end" font-size="11" fill="#222">${t.label}</text>
</#list>
  <line stroke="#333" x1="${b.plotLeft}" y1="${b.plotBottom}" x2="${b.plotRight}" y2="${b.plotBottom}"/>
<#list b.groups as g>
<#list g.bars as bar>
  <rect x="${bar.x}" y="${bar.y}" width="${bar.width}" height="${bar.height}" fill="${colours[bar.series % colours?size]}"><title>${g.label}: ${bar.value}</title></rect>
</#list>
  <text x="${g.labelX}" y="${b.plotBottom?number + 18}" text-anchor="middle" font-size="12" fill="#222">${g.label}</text>
</#list>
<#list b.legend as l>
  <rect x="${l.x}" y="${l.y?number - 9}" width="12" height="10" fill="${colours[l.kind?number % colours?size]}"/>
  <text x="${l.x?number + 18}" y="${l.y}" font-size="11" fill="#222">${l.label}</text>
</#list>
</svg>
