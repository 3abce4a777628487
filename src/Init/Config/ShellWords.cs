using System.Text;

namespace ContainerInit.Config;

/// <summary>Splits a string into words as a POSIX shell does, without expanding anything.</summary>
/// <remarks>Quotes and backslashes work as in sh; there is no globbing and no $VAR here, because
/// variables are expanded per word afterwards, so that a value with spaces stays one word.</remarks>
internal static class ShellWords
{
    /// <summary>The words, or null with an error message when a quote is not closed.</summary>
    public static IReadOnlyList<string>? Split(string text, out string? error)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        error = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }
                    break;
                case '\'':
                {
                    inWord = true;
                    var end = text.IndexOf('\'', i + 1);
                    if (end < 0)
                    {
                        error = "a single quote is not closed; add the closing ' or use an array";
                        return null;
                    }
                    word.Append(text, i + 1, end - i - 1);
                    i = end;
                    break;
                }
                case '"':
                    inWord = true;
                    i++;
                    for (; i < text.Length && text[i] != '"'; i++)
                    {
                        // Inside double quotes a backslash escapes only $ ` " \ and newline (POSIX).
                        if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '$' or '`' or '"' or '\\' or '\n')
                        {
                            i++;
                            if (text[i] != '\n')
                                word.Append(text[i]);
                            continue;
                        }
                        word.Append(text[i]);
                    }
                    if (i >= text.Length)
                    {
                        error = "a double quote is not closed; add the closing \" or use an array";
                        return null;
                    }
                    break;
                case '\\':
                    if (i + 1 < text.Length)
                    {
                        i++;
                        // Backslash-newline is a line continuation and vanishes.
                        if (text[i] != '\n')
                        {
                            inWord = true;
                            word.Append(text[i]);
                        }
                    }
                    else
                    {
                        inWord = true;
                        word.Append('\\');
                    }
                    break;
                default:
                    inWord = true;
                    word.Append(c);
                    break;
            }
        }
        if (inWord)
            words.Add(word.ToString());
        return words;
    }
}
