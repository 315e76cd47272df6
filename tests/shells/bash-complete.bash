# bash bash-complete.bash SCRIPT WORD...: the completions bash offers for the last WORD, one a
# line, after sourcing the completion SCRIPT (as bash-completion would) and checking that it
# registered a function for sheet-extract with `complete -p`.
source "$1"
shift
spec=$(complete -p sheet-extract) || exit 3
fn=$(sed -E 's/.*-F ([^ ]+).*/\1/' <<<"$spec")
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
"$fn" sheet-extract "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}"
