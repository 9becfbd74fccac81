using System;
using System.Collections.Generic;

namespace RecurrentParams.Cli;

/// <summary>
/// Shell completion scripts. Each asks <c>rparams</c> itself through System.CommandLine's <c>[suggest:position]</c>
/// directive, which prints the commands, options and values that fit the word under the cursor; the shell falls back
/// to file names where the tool has nothing to suggest.
/// </summary>
internal static class Completion
{
    /// <summary>Gets the shells a script is available for.</summary>
    public static IReadOnlyList<string> Shells { get; } = ["bash", "zsh", "pwsh"];

    /// <summary>Gets the completion script for a shell.</summary>
    /// <param name="shell">One of <see cref="Shells"/>.</param>
    /// <returns>The script, to append to the shell's start-up file.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shell"/> is not one of <see cref="Shells"/>.</exception>
    public static string Script(string shell) => shell switch
    {
        "bash" => """
            # rparams completion for bash: add to ~/.bashrc
            _rparams_complete() {
              local IFS=$'\n'
              COMPREPLY=( $(compgen -W "$(rparams "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
            }
            complete -o default -F _rparams_complete rparams

            """,
        "zsh" => """
            # rparams completion for zsh: add to ~/.zshrc
            _rparams_complete() {
              local -a suggestions
              suggestions=("${(@f)$(rparams "[suggest:${#BUFFER}]" "$BUFFER" 2>/dev/null)}")
              if (( ${#suggestions} )) && [[ -n "${suggestions[1]}" ]]; then
                compadd -a suggestions
              else
                _files
              fi
            }
            compdef _rparams_complete rparams

            """,
        "pwsh" => """
            # rparams completion for PowerShell: add to $PROFILE
            Register-ArgumentCompleter -Native -CommandName rparams -ScriptBlock {
              param($wordToComplete, $commandAst, $cursorPosition)
              rparams "[suggest:$cursorPosition]" "$commandAst" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
              }
            }

            """,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "'shell' must be bash, zsh or pwsh."),
    };
}
