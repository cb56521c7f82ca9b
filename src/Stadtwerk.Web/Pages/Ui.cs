namespace Stadtwerk.Web.Pages;

/// <summary>
/// A sentence a page model builds in C# (an action's outcome, a status in words), in the reader's language:
/// <c>Ui.Say(german, english)</c>, both written side by side where the sentence is made.
/// <para>
/// Why not a resource file as for the pages' markup: these sentences are interpolated strings full of amounts, dates
/// and numbers. In a resx the wording would move away from its values to "{0} … {3}" keys, and a key that no longer
/// matches falls back to German without a sound; side by side both sentences take the same values, the compiler
/// checks them, and a reader sees at once what each language says. German stays the default.
/// </para>
/// </summary>
public static class Ui
{
    /// <summary>The German sentence, or the English one when the reader switched to English (<see cref="German.IsEnglish"/>).</summary>
    public static string Say(string german, string english) => German.IsEnglish ? english : german;
}
