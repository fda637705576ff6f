package report

import (
	"html/template"
	"sync"
)

// htmlTemplate is the board report's page. Everything is in it: the styles
// inline, no script, no font, image or link to fetch, so it reads the same
// attached to an email, opened from a shared drive or printed. The print
// rules lay it out on A4 and keep each table, chart and heading with what
// follows it. It is parsed when a report is first made, not as every
// command starts.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("board").Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}: {{.SiteName}}</title>
<style>
:root { color-scheme: light; }
body { font-family: Arial, "Helvetica Neue", Helvetica, sans-serif; color: #212b32; background: #ffffff;
  margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.45; font-size: 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #005eb8; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
p.site { font-size: 1.15rem; margin: 0 0 1rem; }
.banner { border: 3px solid #c8102e; background: #fdecee; color: #6b0015; font-weight: bold; padding: .6rem .8rem; margin: 0 0 1rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 1rem; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .95rem; }
caption { text-align: left; font-weight: bold; padding: 0 0 .3rem; }
th, td { border-bottom: 1px solid #d8dde0; padding: .3rem .5rem; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
thead th { border-bottom: 2px solid #212b32; }
.note { color: #4c6272; font-size: .92rem; }
figure { margin: .5rem 0 1.5rem; }
figcaption { font-size: .92rem; color: #4c6272; }
svg.chart { width: 100%; height: auto; display: block; }
ul.findings { margin: .3rem 0 0; padding-left: 1.2rem; font-size: .92rem; }
dl.terms dt { font-weight: bold; margin-top: .4rem; }
dl.terms dd { margin: 0 0 0 1rem; }
footer { margin-top: 2rem; font-size: .85rem; color: #4c6272; border-top: 1px solid #d8dde0; padding-top: .5rem; }
@page { size: A4 portrait; margin: 15mm 14mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid-page; page-break-after: avoid; }
  h3 { break-after: avoid-page; page-break-after: avoid; }
  table, figure, .banner, dl.meta { break-inside: avoid-page; page-break-inside: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  section.charts, section.equity { break-before: page; page-break-before: always; }
}
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="site">{{.SiteName}}</p>
{{range .Caveats}}<p class="banner" role="note">{{.}}</p>
{{end}}<dl class="meta">
{{range .Meta}}<dt>{{index . 0}}</dt><dd>{{index . 1}}</dd>
{{end}}</dl>
</header>
<main>
<section class="notes" aria-labelledby="h-counted">
<h2 id="h-counted">What is counted</h2>
{{range .Notes}}<p>{{.}}</p>
{{end}}</section>
<section class="headline" aria-labelledby="h-headline">
<h2 id="h-headline">Headline figures</h2>
{{if .Headline.Rows}}<table>
<caption>The latest period beside the one before</caption>
<thead><tr><th scope="col">Measure</th><th scope="col">{{.Headline.Latest}}</th>{{if .Headline.Previous}}<th scope="col">{{.Headline.Previous}} (previous)</th>{{end}}</tr></thead>
<tbody>
{{range .Headline.Rows}}<tr><th scope="row">{{index . 0}}</th><td>{{index . 1}}</td>{{if $.Headline.Previous}}<td>{{index . 2}}</td>{{end}}</tr>
{{end}}</tbody>
</table>{{end}}
{{with .Headline.Note}}<p class="note">{{.}}</p>{{end}}
</section>
<section class="charts" aria-labelledby="h-charts">
<h2 id="h-charts">Over time</h2>
<p class="note">{{.ChartNote}}</p>
{{range .Charts}}<figure>
<h3>{{.Title}}</h3>
{{.SVG}}
<figcaption>{{.Method}}</figcaption>
<ul class="findings">{{range .Findings}}<li>{{.}}</li>{{end}}</ul>
</figure>
{{end}}</section>
<section class="equity" aria-labelledby="h-equity">
<h2 id="h-equity">Equity: by team and by group</h2>
{{with .EquitySpan}}<p>{{.}}</p>
{{end}}{{range .EquityNotes}}<p>{{.}}</p>
{{end}}<p class="note">{{.EquityNote}}</p>
{{range .Equity}}<table>
<caption>{{.Title}}</caption>
<thead><tr>{{range .Header}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range $i, $c := .}}{{if eq $i 0}}<th scope="row">{{$c}}</th>{{else}}<td>{{$c}}</td>{{end}}{{end}}</tr>
{{end}}</tbody>
</table>
{{end}}</section>
<section class="disclosure" aria-labelledby="h-disclosure">
<h2 id="h-disclosure">Disclosure control</h2>
{{range .Disclosure}}<p>{{.}}</p>
{{end}}</section>
<section class="terms" aria-labelledby="h-terms">
<h2 id="h-terms">Terms</h2>
<dl class="terms">
{{range .Terms}}<dt>{{index . 0}}</dt><dd>{{index . 1}}</dd>
{{end}}</dl>
</section>
</main>
<footer>
<p>Produced {{.Produced}} ({{.Zone}}) by digicheck. {{if .Exact}}Exact counts: not for publication.{{else}}Disclosure control applied as stated above.{{end}}</p>
</footer>
</body>
</html>
`))
})
