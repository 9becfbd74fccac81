using System;
using FluentAssertions;
using Xunit;

namespace RecurrentParams.Cli.Tests;

public sealed class CompletionTests
{
    [Theory]
    [InlineData("bash", "complete -o default -F _rparams_complete rparams")]
    [InlineData("zsh", "compdef _rparams_complete rparams")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName rparams")]
    public void Completion_EachShell_PrintsAScriptThatAsksTheSuggestDirective(string shell, string registration)
    {
        CliResult result = CliRunner.Exec("completion", shell);

        result.ExitCode.Should().Be(0);
        result.Output.Should().Be(Completion.Script(shell)).And.Contain("[suggest:").And.Contain(registration).And.EndWith("\n");
        result.Output.Should().NotContain("\r");
    }

    [Fact]
    public void Completion_UnknownShell_IsAUsageError()
    {
        CliResult result = CliRunner.Exec("completion", "fish");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().StartWith("rparams: Argument 'fish' not recognized. Must be one of: 'bash' 'zsh' 'pwsh'\n");
    }

    [Fact]
    public void Script_UnknownShell_Throws()
    {
        FluentActions.Invoking(() => Completion.Script("tcsh")).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("shell");
    }
}
