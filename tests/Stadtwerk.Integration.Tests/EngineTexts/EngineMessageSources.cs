using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Stadtwerk.Integration.Tests.EngineTexts;

/// <summary>An English message of the engine as its source writes it: the composite format and where it is.</summary>
public sealed record EngineMessage(string Format, string Location);

/// <summary>
/// Reads the sources of the engine (Core and Infrastructure) with the C# compiler and finds every string that
/// becomes a <see cref="Core.Text"/>: interpolated strings and literals (their composite format, as
/// <see cref="Core.Text.Format"/> gives it at run time), and strings that are not written out there (a variable, a
/// method's result), which no catalogue can translate.
/// </summary>
public static class EngineMessageSources
{
    /// <summary>Build output. The letters (Documents) write their German with their own texts, not as Text, so the scan finds nothing there to translate.</summary>
    private static readonly string[] NotScanned = ["/obj/", "/bin/"];

    private static readonly string[] Scanned = ["src/Stadtwerk.Core", "src/Stadtwerk.Infrastructure"];

    /// <summary>An unexpected exception's message, kept with a failed run item as it is.</summary>
    private static readonly HashSet<string> ExceptionMessages = new(StringComparer.Ordinal) { "e.Message" };

    private static readonly Lazy<Scan> Result = new(Run);

    public static IReadOnlyList<EngineMessage> Messages => Result.Value.Messages;

    /// <summary>Conversions to Text from a string the scan cannot read (a variable, a call): "file:line: expression".</summary>
    public static IReadOnlyList<string> Unreadable => Result.Value.Unreadable;

    /// <summary>Holes that put a date in as ISO text (<c>{date.ToIso()}</c>) instead of the date.</summary>
    public static IReadOnlyList<string> IsoTextHoles => Result.Value.IsoTextHoles;

    private sealed record Scan(IReadOnlyList<EngineMessage> Messages, IReadOnlyList<string> Unreadable, IReadOnlyList<string> IsoTextHoles);

    private static Scan Run()
    {
        var root = RepositoryRoot();
        var files = Scanned
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !NotScanned.Any(part => path.Replace('\\', '/').Contains(part, StringComparison.Ordinal)))
            .ToList();
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = files.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), options, path)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; "
            + "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;", options));
        var compilation = CSharpCompilation.Create("EngineSources", trees, References(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var text = compilation.GetTypeByMetadataName("Stadtwerk.Core.Text") ?? throw new InvalidOperationException("Stadtwerk.Core.Text not found in the sources.");

        var messages = new List<EngineMessage>();
        var unreadable = new List<string>();
        var isoHoles = new List<string>();
        foreach (var tree in trees.Where(t => t.FilePath.Length > 0))
        {
            var model = compilation.GetSemanticModel(tree);
            var candidates = tree.GetRoot().DescendantNodes().OfType<ExpressionSyntax>()
                .Where(e => e.Parent is ArgumentSyntax or EqualsValueClauseSyntax or ArrowExpressionClauseSyntax or ReturnStatementSyntax
                    or AssignmentExpressionSyntax or CollectionElementSyntax or InitializerExpressionSyntax);
            foreach (var expression in candidates)
            {
                var info = model.GetTypeInfo(expression);
                if (!SymbolEqualityComparer.Default.Equals(info.ConvertedType, text)
                    || (SymbolEqualityComparer.Default.Equals(info.Type, text) && expression is not (ConditionalExpressionSyntax or SwitchExpressionSyntax)))
                {
                    continue;
                }

                Collect(expression, model, messages, unreadable, isoHoles, Where(root, expression));
            }

            // (Text)$"..." makes one branch of a conditional a Text, so the conditional is one too.
            foreach (var cast in tree.GetRoot().DescendantNodes().OfType<CastExpressionSyntax>())
            {
                if (SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(cast).Type, text) && cast.Expression is InterpolatedStringExpressionSyntax interpolated)
                {
                    messages.Add(new EngineMessage(FormatOf(interpolated, Where(root, cast), isoHoles), Where(root, cast)));
                }
            }
        }

        return new Scan(messages, unreadable, isoHoles);
    }

    /// <summary>The strings an expression converted to Text can be: itself, or each branch of a conditional or switch.</summary>
    private static void Collect(ExpressionSyntax expression, SemanticModel model, List<EngineMessage> messages, List<string> unreadable, List<string> isoHoles, string where)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                Collect(parenthesized.Expression, model, messages, unreadable, isoHoles, where);
                break;
            case ConditionalExpressionSyntax conditional:
                Collect(conditional.WhenTrue, model, messages, unreadable, isoHoles, where);
                Collect(conditional.WhenFalse, model, messages, unreadable, isoHoles, where);
                break;
            case SwitchExpressionSyntax switchExpression:
                foreach (var arm in switchExpression.Arms)
                {
                    Collect(arm.Expression, model, messages, unreadable, isoHoles, Where(RepositoryRoot(), arm.Expression));
                }

                break;
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                messages.Add(new EngineMessage(Escape(literal.Token.ValueText), where));
                break;
            case CastExpressionSyntax cast when cast.Expression is InterpolatedStringExpressionSyntax:
                break; // found with the casts
            case var alreadyText when model.GetTypeInfo(alreadyText).Type?.Name == "Text":
                break; // a Text made elsewhere (a variable, Text.FromString)
            case InterpolatedStringExpressionSyntax interpolated when model.GetTypeInfo(interpolated).ConvertedType?.Name != "Text":
                unreadable.Add($"{where}: {interpolated} (becomes a string first, e.g. in a conditional of strings: write (Text)$\"...\")");
                break;
            case InterpolatedStringExpressionSyntax interpolated:
                messages.Add(new EngineMessage(FormatOf(interpolated, where, isoHoles), where));
                break;
            case ThrowExpressionSyntax:
            case LiteralExpressionSyntax nullLiteral when nullLiteral.IsKind(SyntaxKind.NullLiteralExpression):
                break;
            case var constant when model.GetConstantValue(constant) is { HasValue: true, Value: string value }:
                messages.Add(new EngineMessage(Escape(value), where));
                break;
            case var parsed when ExceptionMessages.Contains(parsed.ToString()):
                break;
            default:
                unreadable.Add($"{where}: {expression}");
                break;
        }
    }

    /// <summary>The composite format the handler builds: literal parts with braces doubled, holes numbered in order.</summary>
    public static string FormatOf(InterpolatedStringExpressionSyntax interpolated, string where, List<string> isoHoles)
    {
        ArgumentNullException.ThrowIfNull(interpolated);
        var format = new StringBuilder();
        var hole = 0;
        foreach (var content in interpolated.Contents)
        {
            switch (content)
            {
                case InterpolatedStringTextSyntax part:
                    format.Append(Escape(part.TextToken.ValueText));
                    break;
                case InterpolationSyntax interpolation:
                    format.Append('{').Append(hole++);
                    if (interpolation.AlignmentClause is { } alignment)
                    {
                        format.Append(',').Append(alignment.Value.ToString().Trim());
                    }

                    if (interpolation.FormatClause is { } formatClause)
                    {
                        format.Append(':').Append(formatClause.FormatStringToken.ValueText);
                    }

                    format.Append('}');
                    if (interpolation.Expression.ToString().Contains("ToIso()", StringComparison.Ordinal))
                    {
                        isoHoles?.Add($"{where}: {interpolation}");
                    }

                    break;
            }
        }

        return format.ToString();
    }

    private static string Escape(string literal) => literal.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    private static string Where(string root, SyntaxNode node)
    {
        var span = node.GetLocation().GetLineSpan();
        return $"{Path.GetRelativePath(root, span.Path)}:{span.StartLinePosition.Line + 1}";
    }

    private static ImmutableArray<MetadataReference> References()
    {
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var local = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll");
        return [.. platform.Concat(local)
            .Where(path => !Path.GetFileName(path).StartsWith("Stadtwerk.", StringComparison.Ordinal))
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Stadtwerk.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Stadtwerk.slnx above {AppContext.BaseDirectory}.");
    }
}
