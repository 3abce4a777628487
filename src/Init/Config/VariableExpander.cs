using System.Text;

namespace ContainerInit.Config;

/// <summary>Expands ${VAR}, ${VAR:-default} and $$ (compose-style), nothing else.</summary>
/// <remarks>A lone $ stays literal so that regexes and php-fpm's $pool survive unquoted; errors name
/// the variable only, because its value may be a secret.</remarks>
internal static class VariableExpander
{
    /// <summary>The expanded text; problems (undefined variables, bad syntax) go to <paramref name="errors"/>.</summary>
    public static string Expand(string text, IReadOnlyDictionary<string, string> variables, List<string> errors)
    {
        if (!text.Contains('$'))
            return text;
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '$' || i + 1 >= text.Length)
            {
                result.Append(c);
                continue;
            }
            var next = text[i + 1];
            if (next == '$')
            {
                result.Append('$');
                i++;
                continue;
            }
            if (next != '{')
            {
                result.Append(c);
                continue;
            }
            var close = text.IndexOf('}', i + 2);
            if (close < 0)
            {
                errors.Add("'${' is not closed; write ${NAME} or, for a literal dollar sign, $$");
                return text;
            }
            var body = text.AsSpan(i + 2, close - i - 2);
            var sep = body.IndexOf(":-", StringComparison.Ordinal);
            var name = (sep < 0 ? body : body[..sep]).ToString();
            if (!IsValidName(name))
            {
                errors.Add($"'${{{name}}}' is not a valid variable reference; names are letters, digits and _, not starting with a digit (for a literal dollar sign write $$)");
            }
            else if (variables.TryGetValue(name, out var value) && (sep < 0 || value.Length > 0))
            {
                result.Append(value);
            }
            else if (sep >= 0)
            {
                result.Append(body[(sep + 2)..]);
            }
            else
            {
                errors.Add($"variable '{name}' is not defined; set it in the environment or in [init].environment, or give a default: ${{{name}:-value}}");
            }
            i = close;
        }
        return result.ToString();
    }

    public static bool IsValidName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
            return false;
        foreach (var ch in name)
        {
            if (!char.IsAsciiLetterOrDigit(ch) && ch != '_')
                return false;
        }
        return true;
    }
}
