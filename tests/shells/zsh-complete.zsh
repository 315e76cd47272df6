# zsh -f zsh-complete.zsh SCRIPT OUTFILE LINE: the candidates zsh offers at the end of LINE
# (typed into an interactive zsh on a pseudo-terminal, then TAB), one a line in OUTFILE,
# followed by a line `__done__`. (Typeahead makes zle skip completion, so the marker is typed
# only once candidates came, or after 5 s.)
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "bindkey -e; autoload -U compinit; compinit -u -D; source ${(q)1}"
zpty -w z "compadd () { local -a __h; builtin compadd -O __h \"\$@\"; print -rl -- \$__h >> ${(q)2}; builtin compadd \"\$@\" }"
zpty -w z "zstyle ':completion:*' completer _complete"
zpty -w -n z "$3"$'\t'
integer n=0
while (( n++ < 50 )) && [[ ! -s $2 ]]; do sleep 0.1; done
sleep 0.5
zpty -w -n z $'\C-u'"print -r -- __done__ >> ${(q)2}"$'\n'
n=0
while (( n++ < 100 )); do
    [[ -f $2 ]] && grep -q '^__done__$' $2 && break
    sleep 0.1
done
zpty -d z
