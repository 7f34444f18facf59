#!/bin/sh
# Vendor the web page's browser libraries into argmap/server/static/vendor/.
#
# Reproducible: `npm ci` installs exactly what package-lock.json pins (with its
# integrity hashes), then the minified builds are copied. The copies are committed,
# so the server needs neither npm nor a network at run time. Run from anywhere:
#     sh scripts/vendor_js.sh
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST="$ROOT/argmap/server/static/vendor"
cd "$ROOT"
npm ci --ignore-scripts --no-audit --no-fund
mkdir -p "$DEST"
cp node_modules/cytoscape/dist/cytoscape.min.js "$DEST/cytoscape.min.js"
cp node_modules/cytoscape-dagre/dist/cytoscape-dagre.min.js "$DEST/cytoscape-dagre.min.js"
{
    echo "Vendored by scripts/vendor_js.sh from package-lock.json; do not edit."
    for pkg in cytoscape cytoscape-dagre; do
        node -e "const p=require('./node_modules/$pkg/package.json');console.log(p.name+' '+p.version+' ('+p.license+')')"
    done
} > "$DEST/VERSIONS.txt"
echo "vendored into $DEST:"
cat "$DEST/VERSIONS.txt"
