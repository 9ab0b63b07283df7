#!/usr/bin/env bash
# Render one page of a .docx to PNG with LibreOffice headless, to look at the layout.
#
#   benchmarks/render_docx.sh FILE.docx [OUTDIR] [PAGE]
#
# Needs: soffice (libreoffice-writer), pdftoppm (poppler-utils), a CJK font (fonts-noto-cjk).
# The 公文 fonts (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体) are rarely installed on
# Linux; a private fontconfig file maps them to Noto CJK so that the levels stay visible
# (黑体 → sans, the others → serif). A private LibreOffice profile keeps parallel runs apart.
# Prints the path of the PNG. See docs/rendering.md.
set -euo pipefail

in=${1:?"用法：benchmarks/render_docx.sh FILE.docx [OUTDIR] [PAGE]"}
out=${2:-/tmp/report-nlp-render}
page=${3:-1}
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "缺少 $tool：apt-get install -y libreoffice-writer poppler-utils fonts-noto-cjk" >&2; exit 3; }
done
[ -f "$in" ] || { echo "$in：文件不存在" >&2; exit 3; }

mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

alias_rule() {  # alias_rule FAMILY TARGET
  printf '  <alias binding="same"><family>%s</family><prefer><family>%s</family></prefer></alias>\n' "$1" "$2"
}
{
  echo '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
  echo '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
  alias_rule "方正小标宋简体" "Noto Serif CJK SC"
  alias_rule "仿宋_GB2312" "Noto Serif CJK SC"
  alias_rule "楷体_GB2312" "Noto Serif CJK SC"
  alias_rule "宋体" "Noto Serif CJK SC"
  alias_rule "黑体" "Noto Sans CJK SC"
  echo '</fontconfig>'
} > "$work/fonts.conf"
export FONTCONFIG_FILE="$work/fonts.conf"

base=$(basename "${in%.*}")
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$work" "$in" >/dev/null 2>&1
[ -f "$work/$base.pdf" ] || { echo "$in：LibreOffice 转换失败" >&2; exit 3; }
pdftoppm -png -r 60 -f "$page" -l "$page" "$work/$base.pdf" "$out/$base"
ls "$out/$base"-*"$page".png | tail -n 1
