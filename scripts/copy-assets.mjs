// Copies the built GOV.UK Frontend, MOJ Frontend, htmx, Vega and Leaflet files into
// saferhub/static/vendor. No bundler: the packages ship ready-built files.
// The stylesheets refer to "/assets/..." from the site root; we rewrite that
// to a path relative to the stylesheet so it works under any STATIC_URL.
// A file's source map goes with it: collectstatic's manifest storage fails on
// a file that names a map it cannot find.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const out = join(root, "saferhub", "static", "vendor");

rmSync(out, { recursive: true, force: true });

function copyMap(from, to) {
  if (existsSync(join(modules, `${from}.map`))) {
    cpSync(join(modules, `${from}.map`), join(out, `${to}.map`));
  }
}

function copy(from, to) {
  mkdirSync(dirname(join(out, to)), { recursive: true });
  cpSync(join(modules, from), join(out, to), { recursive: true });
  copyMap(from, to);
}

function copyCss(from, to) {
  const css = readFileSync(join(modules, from), "utf8").replaceAll("url(/assets/", "url(assets/");
  mkdirSync(dirname(join(out, to)), { recursive: true });
  writeFileSync(join(out, to), css);
  copyMap(from, to);
}

copyCss("govuk-frontend/dist/govuk/govuk-frontend.min.css", "govuk/govuk-frontend.min.css");
copy("govuk-frontend/dist/govuk/govuk-frontend.min.js", "govuk/govuk-frontend.min.js");
copy("govuk-frontend/dist/govuk/assets", "govuk/assets");
copyCss("@ministryofjustice/frontend/moj/moj-frontend.min.css", "moj/moj-frontend.min.css");
copy("@ministryofjustice/frontend/moj/moj-frontend.min.js", "moj/moj-frontend.min.js");
copy("@ministryofjustice/frontend/moj/assets", "moj/assets");
copy("htmx.org/dist/htmx.min.js", "htmx/htmx.min.js");
// Charts: the browser builds (each sets a global: vega, vegaLite, vegaEmbed), loaded in that order.
copy("vega/build/vega.min.js", "vega/vega.min.js");
copy("vega-lite/build/vega-lite.min.js", "vega/vega-lite.min.js");
copy("vega-embed/build/vega-embed.min.js", "vega/vega-embed.min.js");
// Maps: Leaflet's browser build (sets the global L), its stylesheet and the images the stylesheet names.
copy("leaflet/dist/leaflet.js", "leaflet/leaflet.js");
copy("leaflet/dist/leaflet.css", "leaflet/leaflet.css");
copy("leaflet/dist/images", "leaflet/images");

console.log(`copied front-end assets to ${out}`);
