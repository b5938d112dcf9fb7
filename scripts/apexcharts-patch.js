// ApexCharts 4.7.0 (pinned: its last MIT release) labels the first tick of an hour scale wrongly when that tick is
// the midnight that starts a month: the tick's month moves on but its value keeps the day before, so 1 December
// reads "31 Dec" (apexcharts.js#3466, #4376; the dashboard showed it on 1 December). One textual fix in its ESM
// bundle, applied by esbuild at build time: the first tick's value is its day once it became a day tick. Any other
// text (another version) fails the build instead of drawing wrong dates.
const fs = require('fs');

const FIND = 'var x=h(f,a).month;x=c(f,x),g>31&&(g=f=1),';
const REPLACE = 'var x=h(f,a).month;x=c(f,x),"day"===l&&(g=f),g>31&&(g=f=1),';

/** The ESM bundle's text with the fix; throws unless the unfixed text occurs exactly once. */
function patchApexCharts(source) {
  const count = source.split(FIND).length - 1;
  if (count !== 1) {
    throw new Error(`apexcharts-patch: expected the 4.7.0 hour-scale code once in apexcharts.esm.js, found it ${count} times (another ApexCharts version? check the month-start tick bug before changing the patch)`);
  }
  return source.replace(FIND, REPLACE);
}

/** esbuild plugin: the webview bundles get the patched ApexCharts. */
const apexchartsPatchPlugin = {
  name: 'apexcharts-month-start-tick',
  setup(build) {
    build.onLoad({ filter: /apexcharts[\\/]dist[\\/]apexcharts\.esm\.js$/ }, (args) => ({
      contents: patchApexCharts(fs.readFileSync(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};

module.exports = { patchApexCharts, apexchartsPatchPlugin };
