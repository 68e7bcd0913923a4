# Sourced by scripts/install and scripts/package/package-deb: reads packaging/manifest.
#
# manifest_each SRC PREFIX UNITDIR CALLBACK calls `CALLBACK KIND SOURCE DESTINATION MODE REWRITE` for every file,
# globs expanded (a destination ending in / takes the source's name), placeholders filled in.
manifest_each() {
    local src=$1 prefix=$2 unitdir=$3 callback=$4 kind pattern dest mode rewrite file target
    [ "$prefix" = / ] && prefix=
    while read -r kind pattern dest mode rewrite; do
        case $kind in ''|'#'*) continue ;; esac
        dest=${dest//\{bin\}/$prefix/bin}
        dest=${dest//\{share\}/$prefix/share/nhacviec}
        dest=${dest//\{doc\}/$prefix/share/doc/nhacviec}
        dest=${dest//\{unitdir\}/$unitdir}
        local found=0
        for file in "$src"/$pattern; do
            [ -f "$file" ] || continue
            found=1
            target=$dest
            [ "${dest%/}" != "$dest" ] && target=$dest$(basename "$file")
            "$callback" "$kind" "$file" "$target" "$mode" "$rewrite"
        done
        if [ "$found" = 0 ]; then
            echo "manifest: nothing matches $pattern in $src" >&2
            return 1
        fi
    done < "$src/packaging/manifest"
}

# manifest_copy SOURCE TARGET MODE REWRITE PREFIX: copies one file, rewriting /usr/local paths for PREFIX.
manifest_copy() {
    local source=$1 target=$2 mode=$3 rewrite=$4 prefix=$5 expr
    [ "$prefix" = / ] && prefix=
    expr="s#/usr/local/#$(printf '%s' "$prefix" | sed 's/[#&\\]/\\&/g')/#g"
    install -d -m 0755 "$(dirname "$target")"
    case $rewrite in
        all) sed -e "$expr" "$source" > "$target.tmp" ;;
        unit) sed -e "/^\(ExecStart\|Documentation\)=/ $expr" "$source" > "$target.tmp" ;;
        support) sed -e "/^Support:/ $expr" "$source" > "$target.tmp" ;;
        python) if [ "$prefix" = /usr ]; then sed -e '1s|^#!/usr/bin/env python3$|#!/usr/bin/python3|' "$source" > "$target.tmp"
                else cp "$source" "$target.tmp"; fi ;;
        -) cp "$source" "$target.tmp" ;;
        *) echo "manifest: unknown rewrite '$rewrite' for $source" >&2; return 1 ;;
    esac
    chmod "$mode" "$target.tmp"
    mv -f "$target.tmp" "$target"
}
