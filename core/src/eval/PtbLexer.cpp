#include "PtbLexer.h"

#include <utility>

namespace vindex::eval {

namespace {

// What a rule does with the text it matched.
enum class Action {
    Plain,          // the text as it is
    SoftHyphens,    // the text without soft hyphens (U+00AD); "-" when nothing is left
    Split,          // an assimilation ("cannot" → "can" "not"): the first part now, the rest is lexed again
    SpacesToNbsp,   // spaces inside the token become U+00A0 (SGML tags, fractions like "1 1/2")
    Dash,           // "--"
    Amp,            // "&amp;" → "&"
    QuoteClosing,   // quotes normalized to LaTeX style, straight ones read as closing
    QuoteOpening,   // the same, straight ones read as opening
    VulgarFraction, // "¼" → "1/4", ...
    Currency,       // "¢" → "cents", "£" → "#", euro and generic currency signs → "$"
    Acronym,        // "U.S." before a sentence start: the acronym, then its period again
    PeriodAgain,    // an abbreviation at a sentence end: the abbreviation, then its period again
    Phone,          // spaces → U+00A0, parentheses → -LRB- / -RRB-
    Parentheses,    // parentheses inside the token → -LRB- / -RRB- (smileys)
    Fixed,          // a fixed replacement text
    Hyphens,        // three or four hyphens → "--"
    Ellipsis,       // "..."
    Skip,           // whitespace and the like: no token
    Newline,        // a line end
    Untokenizable,  // no rule: dropped (CoreNLP's default "firstDelete")
};

struct RuleSpec {
    const char *pattern;
    const char *context; // trailing context, "" for none
    Action action;
    int keep = 0;                // Split: code units kept in this token
    const char16_t *fixed = u""; // Fixed
};

// Named sub-patterns, each defined before its first use.
const std::vector<std::pair<std::string, std::string>> &macros()
{
    static const std::vector<std::pair<std::string, std::string>> m = {
        {"SGML",
         R"x(\<([!\?][A-Za-z\-][^>\r\n]*|[A-Za-z][A-Za-z0-9_:\.\-]*([ ]+([A-Za-z][A-Za-z0-9_:\.\-]*|[A-Za-z][A-Za-z0-9_:\.\-]*[ ]*=[ ]*('[^']*'|\"[^\"]*\")))*[ ]*\/?|\/[A-Za-z][A-Za-z0-9_:\.\-]*)[ ]*\>)x"},
        {"SPMDASH", R"x(&(MD|mdash|ndash);|[\u0096\u0097\u2013\u2014\u2015])x"},
        {"SPAMP", R"x(&amp;)x"},
        {"SPPUNC", R"x(&(HT|TL|UR|LR|QC|QL|QR|odq|cdq|#[0-9]+);)x"},
        {"SPLET", R"x(&[aeiouAEIOU](acute|grave|uml);)x"},
        {"SPACE", R"x([ \t\u00A0\u2000-\u200A\u3000])x"},
        {"SPACES", R"x({SPACE}+)x"},
        {"NEWLINE", R"x(\r|\r?\n|\u2028|\u2029|\u000B|\u000C|\u0085)x"},
        {"SPACENL", R"x(({SPACE}|{NEWLINE}))x"},
        {"SPACENLS", R"x({SPACENL}+)x"},
        {"SENTEND", R"x({SPACENL}({SPACENL}|[:uppercase:]|{SGML}))x"},
        {"DIGIT", R"x([:digit:]|[\u07C0-\u07C9])x"},
        {"DATE", R"x({DIGIT}{1,2}[\-\/]{DIGIT}{1,2}[\-\/]{DIGIT}{2,4})x"},
        {"NUM", R"x({DIGIT}+|{DIGIT}*([.:,\u00AD\u066B\u066C]{DIGIT}+)+)x"},
        {"NUMBER", R"x([\-+]?{NUM})x"},
        {"SUBSUPNUM", R"x([\u207A\u207B\u208A\u208B]?([\u2070\u00B9\u00B2\u00B3\u2074-\u2079]+|[\u2080-\u2089]+))x"},
        {"FRAC", R"x(({DIGIT}{1,4}[- \u00A0])?{DIGIT}{1,4}(\\?\/|\u2044){DIGIT}{1,4})x"},
        {"FRAC2", R"x([\u00BC\u00BD\u00BE\u2153-\u215E])x"},
        {"DOLSIGN", R"x(([A-Z]*\$|#))x"},
        {"DOLSIGN2", R"x([\u00A2\u00A3\u00A4\u00A5\u0080\u20A0\u20AC\u060B\u0E3F\u20A4\uFFE0\uFFE1\uFFE5\uFFE6])x"},
        // Letters: Java's, plus entity-written accented vowels, the soft hyphen and combining marks of several scripts.
        {"LETTER",
         R"x(([:letter:]|{SPLET}|[\u00AD\u0237-\u024F\u02C2-\u02C5\u02D2-\u02DF\u02E5-\u02FF\u0300-\u036F\u0370-\u037D\u0384\u0385\u03CF\u03F6\u03FC-\u03FF\u0483-\u0487\u04CF\u04F6-\u04FF\u0510-\u0525\u055A-\u055F\u0591-\u05BD\u05BF\u05C1\u05C2\u05C4\u05C5\u05C7\u0615-\u061A\u063B-\u063F\u064B-\u065E\u0670\u06D6-\u06EF\u06FA-\u06FF\u070F\u0711\u0730-\u074F\u0750-\u077F\u07A6-\u07B1\u07CA-\u07F5\u07FA\u0900-\u0903\u093C\u093E-\u094E\u0951-\u0955\u0962-\u0963\u0981-\u0983\u09BC-\u09C4\u09C7\u09C8\u09CB-\u09CD\u09D7\u09E2\u09E3\u0A01-\u0A03\u0A3C\u0A3E-\u0A4F\u0A81-\u0A83\u0ABC-\u0ACF\u0B82\u0BBE-\u0BC2\u0BC6-\u0BC8\u0BCA-\u0BCD\u0C01-\u0C03\u0C3E-\u0C56\u0D3E-\u0D44\u0D46-\u0D48\u0E30-\u0E3A\u0E47-\u0E4E\u0EB1-\u0EBC\u0EC8-\u0ECD]))x"},
        {"WORD", R"x({LETTER}({LETTER}|{DIGIT})*([.!?]{LETTER}({LETTER}|{DIGIT})*)*)x"},
        {"FILENAME_EXT",
         R"x((bat|bmp|c|class|cgi|cpp|dll|doc|docx|exe|gif|gz|h|htm|html|jar|java|jpeg|jpg|mov|mp3|pdf|php|pl|png|ppt|ps|py|sql|tar|txt|wav|x|xml|zip))x"},
        {"FILENAME", R"x(({LETTER}|{DIGIT})+([.]({LETTER}|{DIGIT})+)*([.]{FILENAME_EXT}))x"},
        {"APOS", R"x((['\u0092\u2019]|&apos;))x"},
        {"APOSETCETERA", R"x(({APOS}|[`\u0091\u2018\u201B]))x"},
        {"HYPHEN", R"x([-_\u058A\u2010\u2011])x"},
        {"THING",
         R"x(([dDoOlL]{APOSETCETERA}([:letter:]|[:digit:]))?([:letter:]|[:digit:])+({HYPHEN}([dDoOlL]{APOSETCETERA}([:letter:]|[:digit:]))?([:letter:]|[:digit:])+)*)x"},
        {"THINGA", R"x([A-Z]+(([+&]|{SPAMP})[A-Z]+)+)x"},
        {"THING3", R"x([A-Za-z0-9]+(-[A-Za-z]+){0,2}(\\?\/[A-Za-z0-9]+(-[A-Za-z]+){0,2}){1,2})x"},
        {"ACRO", R"x(([A-Za-z](\.[A-Za-z])*|(Canada|Sino|Korean|EU|Japan|non)-U\.S|U\.S\.-(U\.K|U\.S\.S\.R)))x"},
        {"ACRO2", R"x(([A-Za-z](\.[A-Za-z])+|(Canada|Sino|Korean|EU|Japan|non)-U\.S|U\.S\.-(U\.K|U\.S\.S\.R)))x"},
        {"HTHING", R"x([A-Za-z0-9][A-Za-z0-9.,\u00AD]*(-([A-Za-z0-9\u00AD]+|{ACRO2}\.))+)x"},
        {"REDAUX", R"x({APOS}([msdMSD]|re|ve|ll))x"},
        {"SWORD", R"x([A-Za-z\u00AD]*[A-MO-Za-mo-z](\u00AD)*)x"},
        {"SREDAUX", R"x(n{APOSETCETERA}t)x"},
        {"APOWORD",
         R"x(({APOS}n{APOS}?|[lLdDjJ]{APOS}|Dunkin{APOS}|somethin{APOS}|ol{APOS}|{APOS}em|[A-HJ-XZn]{APOSETCETERA}[:letter:]{2}[:letter:]*|{APOS}[2-9]0s|{APOS}till?|[:letter:][:letter:]*[aeiouyAEIOUY]{APOSETCETERA}[aeiouA-Z][:letter:]*|{APOS}cause|cont'd\.?|'twas|nor'easter|c'mon|e'er|s'mores|ev'ry|li'l|nat'l|O{APOSETCETERA}o))x"},
        {"APOWORD2", R"x(y{APOS})x"},
        {"FULLURL", R"x(https?:\/\/[^ \t\n\f\r\"<>|(){}]+[^ \t\n\f\r\"<>|.!?(){},-])x"},
        {"LIKELYURL",
         R"x(((www\.([^ \t\n\f\r\"<>|.!?(){},]+\.)+[a-zA-Z]{2,4})|(([^ \t\n\f\r\"`'<>|.!?(){},-_$]+\.)+(com|net|org|edu)))(\/[^ \t\n\f\r\"<>|()]+[^ \t\n\f\r\"<>|.!?(){},-])?)x"},
        {"EMAIL",
         R"x((&lt;|<)?[a-zA-Z0-9][^ \t\n\f\r\"<>|()\u00A0{}]*@([^ \t\n\f\r\"<>|(){}.\u00A0]+\.)*([^ \t\n\f\r\"<>|(){}.\u00A0]+)(&gt;|>)?)x"},
        {"TWITTER", R"x((@[a-zA-Z_][a-zA-Z_0-9]*|#{LETTER}+))x"},
        // Abbreviations usually followed by a lower-case word (months, days, states, companies, ...).
        {"ABMONTH", R"x((Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))x"},
        {"ABDAYS", R"x((Mon|Tue|Tues|Wed|Thu|Thurs|Fri))x"},
        {"ABSTATE",
         R"x((Ala|Ariz|[A]z|[A]rk|Calif|Colo|Conn|Ct|Dak|[D]el|Fla|Ga|[I]ll|Ind|Kans?|Ky|[L]a|[M]ass|Md|Mich|Minn|[M]iss|Mo|Mont|Neb|Nev|Okla|[O]re|[P]a|Penn|Tenn|[T]ex|Va|Vt|[W]ash|Wisc?|Wyo))x"},
        {"ABCOMP", R"x((Inc|Cos?|Corp|Pp?t[ye]s?|Ltd|Plc|Rt|Bancorp|Bhd|Assn|Univ|Intl|Sys))x"},
        {"ABNUM", R"x((tel|est|ext|sq))x"},
        {"ABPTIT", R"x((Jr|Sr|Bros|(Ed|Ph)\.D|Blvd|Rd|Esq))x"},
        {"ABBREV1", R"x(({ABMONTH}|{ABDAYS}|{ABSTATE}|{ABCOMP}|{ABNUM}|{ABPTIT}|etc|al|seq|Bldg)\.)x"},
        // Abbreviations usually followed by an upper-case word (titles, single letters, ...).
        {"ABTITLE",
         R"x((Mr|Mrs|Ms|[M]iss|Drs?|Profs?|Sens?|Reps?|Attys?|Lt|Col|Gen|Messrs|Govs?|Adm|Rev|Maj|Sgt|Cpl|Pvt|Capt|Ste?|Ave|Pres|Lieut|Hon|Brig|Co?mdr|Pfc|Spc|Supts?|Det|Mt|Ft|Adj|Adv|Asst|Assoc|Ens|Insp|Mlle|Mme|Msgr|Sfc))x"},
        {"ABCOMP2", R"x((Invt|Elec|Natl|M[ft]g|Dept))x"},
        {"ABBREV4", R"x(({ABTITLE}|vs|Alex|Wm|Jos|Cie|a\.k\.a|cf|TREAS|Ph|{ACRO}|{ABCOMP2}))x"},
        {"ABBREV2", R"x({ABBREV4}\.)x"},
        {"ACRONYM", R"x({ACRO}\.)x"},
        // Abbreviations recognized only before a number.
        {"ABBREV3", R"x((ca|figs?|prop|nos?|art|bldg|prop|pp|op)\.)x"},
        {"PHONE",
         R"x((\([0-9]{2,3}\)[ \u00A0]?|(\+\+?)?([0-9]{2,4}[\- \u00A0])?[0-9]{2,4}[\- \u00A0])[0-9]{3,4}[\- \u00A0]?[0-9]{3,5}|((\+\+?)?[0-9]{2,4}\.)?[0-9]{2,4}\.[0-9]{3,4}\.[0-9]{3,5})x"},
        {"FAKEDUCKFEET", R"x(<<|>>)x"},
        {"LESSTHAN", R"x(<|&lt;)x"},
        {"GREATERTHAN", R"x(>|&gt;)x"},
        {"HYPHENS", R"x(\-+)x"},
        {"LDOTS", R"x(\.{3,5}|(\.[ \u00A0]){2,4}\.|[\u0085\u2026])x"},
        {"FNMARKS", R"x((@+|#+|_+))x"},
        {"ASTS", R"x((\*+|(\\\*){1,3}))x"},
        {"INSENTP", R"x([,;:\u3001])x"},
        {"QUOTES",
         R"x(({APOS}|''|[`\u2018\u2019\u201A\u201B\u201C\u201D\u0091\u0092\u0093\u0094\u201E\u201F\u2039\u203A\u00AB\u00BB]{1,2}))x"},
        {"DBLQUOT", R"x((\"|&quot;))x"},
        {"TBSPEC",
         R"x((-(RRB|LRB|RCB|LCB|RSB|LSB)-|C\.D\.s|pro-|anti-|S(&|&amp;)P-500|S(&|&amp;)Ls|Cap{APOS}n|c{APOS}est))x"},
        {"TBSPEC2", R"x({APOS}[0-9][0-9])x"},
        {"SMILEY", R"x([<>]?[:;=][\-o\*']?[\(\)DPdpO\\{@\|\[\]])x"},
        {"ASIANSMILEY",
         R"x(([\^x=~<>]\.\[\^x=~<>]|[\-\^x=~<>']_[\-\^x=~<>']|\([\-\^x=~<>'][_.]?[\-\^x=~<>']\)|\([\^x=~<>']-[\^x=~<>'`]\)))x"},
        {"MISCSYMBOL",
         R"x([+%&~\^|\\\u00A6\u00A7\u00A8\u00A9\u00AC\u00AE\u00AF\u00B0-\u00B3\u00B4-\u00BA\u00D7\u00F7\u0387\u05BE\u05C0\u05C3\u05C6\u05F3\u05F4\u0600-\u0603\u0606-\u060A\u060C\u0614\u061B\u061E\u066A\u066D\u0703-\u070D\u07F6\u07F7\u07F8\u0964\u0965\u0E4F\u1FBD\u2016\u2017\u2020-\u2023\u2030-\u2038\u203B\u203E-\u2042\u2044\u207A-\u207F\u208A-\u208E\u2100-\u214F\u2190-\u21FF\u2200-\u2BFF\u3012\u30FB\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65])x"},
    };
    return m;
}

// The rules in priority order (an equally long match goes to the earlier rule).
const std::vector<RuleSpec> &ruleSpecs()
{
    static const std::vector<RuleSpec> r = {
        {R"x(c[+][+])x", "", Action::Plain},
        {R"x((c|f)#)x", "", Action::Plain},
        {R"x(cannot)x", "", Action::Split, 3},
        {R"x('twas)x", "", Action::Split, 2},
        {R"x('tis)x", "", Action::Split, 2},
        {R"x(gonna|gotta|lemme|gimme|wanna)x", "", Action::Split, 3},
        {R"x({SGML})x", "", Action::SpacesToNbsp},
        {R"x({SPMDASH})x", "", Action::Dash},
        {R"x({SPAMP})x", "", Action::Amp},
        {R"x({SPPUNC})x", "", Action::Plain},
        {R"x({WORD})x", R"x({REDAUX})x", Action::SoftHyphens},
        {R"x({SWORD})x", R"x({SREDAUX})x", Action::SoftHyphens},
        {R"x({WORD})x", "", Action::SoftHyphens},
        {R"x({APOWORD})x", "", Action::Plain},
        {R"x({APOWORD2})x", R"x([:letter:])x", Action::Plain},
        {R"x({FULLURL})x", "", Action::Plain},
        {R"x({LIKELYURL})x", "", Action::Plain},
        {R"x({EMAIL})x", "", Action::Plain},
        {R"x({TWITTER})x", "", Action::Plain},
        {R"x({REDAUX})x", R"x([^A-Za-z])x", Action::QuoteClosing},
        {R"x({SREDAUX})x", R"x([^A-Za-z])x", Action::QuoteClosing},
        {R"x({DATE})x", "", Action::Plain},
        {R"x({NUMBER})x", "", Action::SoftHyphens},
        {R"x({SUBSUPNUM})x", "", Action::Plain},
        {R"x({FRAC})x", "", Action::SpacesToNbsp},
        {R"x({FRAC2})x", "", Action::VulgarFraction},
        {R"x({TBSPEC})x", "", Action::Amp},
        {R"x({THING3})x", "", Action::Plain},
        {R"x({DOLSIGN})x", "", Action::Plain},
        {R"x({DOLSIGN2})x", "", Action::Currency},
        {R"x({ACRONYM})x",
         R"x(({SPACENLS})([A]bout|[A]ccording|[A]dditionally|[A]fter|[A]n|[A]|[A]s|[A]t|[B]ut|[E]arlier|[H]e|[H]er|[H]ere|[H]owever|[I]f|[I]n|[I]t|[L]ast|[M]any|[M]ore|[M]r\.|[M]s\.|[N]ow|[O]nce|[O]ne|[O]ther|[O]ur|[S]he|[S]ince|[S]o|[S]ome|[S]uch|[T]hat|[T]he|[T]heir|[T]hen|[T]here|[T]hese|[T]hey|[T]his|[W]e|[W]hen|[W]hile|[W]hat|[Y]et|[Y]ou|{SGML}){SPACENL})x",
         Action::Acronym},
        {R"x({ABBREV3})x", R"x({SPACENL}?[:digit:])x", Action::Plain},
        {R"x((pt[eyEY]|co)\.)x", R"x({SPACE}(ltd|lim))x", Action::Plain},
        {R"x({ABBREV1})x", R"x({SENTEND})x", Action::PeriodAgain},
        {R"x({ABBREV1})x", R"x([^][^])x", Action::Plain},
        {R"x({ABBREV1})x", "", Action::PeriodAgain},
        {R"x({ABBREV2})x", "", Action::Plain},
        {R"x({ABBREV4})x", R"x({SPACE})x", Action::Plain},
        {R"x({ACRO})x", R"x({SPACENL})x", Action::Plain},
        {R"x({TBSPEC2})x", R"x({SPACENL})x", Action::Plain},
        {R"x({FILENAME})x", R"x(({SPACENL}|[.?!,]))x", Action::Plain},
        {R"x({WORD}\.)x", R"x({INSENTP})x", Action::SoftHyphens},
        {R"x({PHONE})x", "", Action::Phone},
        {R"x({DBLQUOT})x", R"x([A-Za-z0-9$])x", Action::QuoteOpening},
        {R"x({DBLQUOT})x", "", Action::QuoteClosing},
        {R"x(\u007F)x", "", Action::Skip},
        {R"x({LESSTHAN})x", "", Action::Fixed, 0, u"<"},
        {R"x({GREATERTHAN})x", "", Action::Fixed, 0, u">"},
        {R"x({SMILEY})x", R"x([^A-Za-z0-9])x", Action::Parentheses},
        {R"x({ASIANSMILEY})x", "", Action::Parentheses},
        {R"x(\{)x", "", Action::Fixed, 0, u"-LCB-"},
        {R"x(\})x", "", Action::Fixed, 0, u"-RCB-"},
        {R"x(\[)x", "", Action::Fixed, 0, u"-LSB-"},
        {R"x(\])x", "", Action::Fixed, 0, u"-RSB-"},
        {R"x(\()x", "", Action::Fixed, 0, u"-LRB-"},
        {R"x(\))x", "", Action::Fixed, 0, u"-RRB-"},
        {R"x({HYPHENS})x", "", Action::Hyphens},
        {R"x({LDOTS})x", "", Action::Ellipsis},
        {R"x({FNMARKS})x", "", Action::Plain},
        {R"x({ASTS})x", "", Action::Plain},
        {R"x({INSENTP})x", "", Action::Plain},
        {R"x([?!]+)x", "", Action::Plain},
        {R"x([.\u00A1\u00BF\u037E\u0589\u061F\u06D4\u0700-\u0702\u07FA\u3002])x", "", Action::Plain},
        {R"x(=)x", "", Action::Plain},
        {R"x(\/)x", "", Action::Plain},
        {R"x({HTHING}\.)x", R"x({INSENTP})x", Action::SoftHyphens},
        {R"x({HTHING})x", "", Action::SoftHyphens},
        {R"x({THING}\.)x", R"x({INSENTP})x", Action::Plain},
        {R"x({THING})x", "", Action::Plain},
        {R"x({THINGA}\.)x", R"x({INSENTP})x", Action::Amp},
        {R"x({THINGA})x", "", Action::Amp},
        {R"x(')x", R"x([A-Za-z][^ \t\n\r\u00A0])x", Action::QuoteOpening},
        {R"x({REDAUX})x", "", Action::QuoteClosing},
        {R"x({SREDAUX})x", "", Action::QuoteClosing},
        {R"x({QUOTES})x", "", Action::QuoteClosing},
        {R"x({FAKEDUCKFEET})x", "", Action::Plain},
        {R"x({MISCSYMBOL})x", "", Action::Plain},
        {R"x(\0|{SPACES}|[\u200B\u200E-\u200F\uFEFF])x", "", Action::Skip},
        {R"x({NEWLINE})x", "", Action::Newline},
        {R"x(&nbsp;)x", "", Action::Skip},
        {R"x(.)x", "", Action::Untokenizable},
    };
    return r;
}

std::vector<TokenAutomaton::Rule> automatonRules()
{
    std::vector<TokenAutomaton::Rule> rules;
    for (const auto &spec : ruleSpecs())
        rules.push_back({spec.pattern, spec.context});
    return rules;
}

void replaceAll(std::u16string &s, const std::u16string &from, const std::u16string &to)
{
    for (std::size_t i = s.find(from); i != std::u16string::npos; i = s.find(from, i + to.size()))
        s.replace(i, from.size(), to);
}

// Case-insensitive "&amp;" → "&".
std::u16string normalizeAmp(std::u16string s)
{
    for (std::size_t i = 0; i + 5 <= s.size(); ++i) {
        if (s[i] != u'&')
            continue;
        bool match = true;
        const char16_t *rest = u"amp;";
        for (int k = 0; k < 4 && match; ++k) {
            char16_t c = s[i + 1 + k];
            if (c >= u'A' && c <= u'Z')
                c = static_cast<char16_t>(c + 32);
            match = c == rest[k];
        }
        if (match)
            s.replace(i, 5, u"&");
    }
    return s;
}

std::u16string removeSoftHyphens(const std::u16string &s)
{
    std::u16string out;
    for (char16_t c : s)
        if (c != 0x00AD)
            out += c;
    return out.empty() ? std::u16string(u"-") : out;
}

// LaTeX-style quotes: straight quotes become `` / ` when probably opening, '' / ' otherwise; curly and angle quotes
// map by their direction.
std::u16string latexQuotes(std::u16string s, bool opening)
{
    replaceAll(s, u"&apos;", u"'");
    replaceAll(s, u"&quot;", u"\"");
    std::u16string out;
    for (char16_t c : s) {
        switch (c) {
        case u'\'': out += opening ? u"`" : u"'"; break;
        case u'"': out += opening ? u"``" : u"''"; break;
        case 0x0091:
        case 0x2018:
        case 0x201B:
        case 0x2039: out += u"`"; break;
        case 0x0092:
        case 0x2019:
        case 0x203A: out += u"'"; break;
        case 0x0093:
        case 0x201C:
        case 0x00AB: out += u"``"; break;
        case 0x0094:
        case 0x201D:
        case 0x00BB: out += u"''"; break;
        default: out += c;
        }
    }
    return out;
}

std::u16string parenthesesToPtb(std::u16string s)
{
    replaceAll(s, u"(", u"-LRB-");
    replaceAll(s, u")", u"-RRB-");
    return s;
}

std::u16string spacesToNbsp(std::u16string s)
{
    for (auto &c : s)
        if (c == u' ')
            c = 0x00A0;
    return s;
}

} // namespace

PtbLexer::PtbLexer() : m_automaton(macros(), automatonRules(), /*caseless=*/true) {}

std::vector<PtbLexer::Token> PtbLexer::lex(const std::u16string &text, const JobControl &job)
{
    const auto &specs = ruleSpecs();
    std::vector<Token> tokens;
    std::size_t position = 0, steps = 0;
    auto emit = [&tokens](std::u16string t) { tokens.push_back({std::move(t), false}); };
    while (position < text.size()) {
        if (steps++ % 4096 == 0)
            job.checkCancelled();
        const auto match = m_automaton.longestMatch(text, position);
        if (match.rule < 0 || match.length == 0) { // cannot happen with the catch-all rule; be safe
            ++m_untokenizable;
            ++position;
            continue;
        }
        const RuleSpec &spec = specs[match.rule];
        std::u16string matched = text.substr(position, match.length);
        std::size_t next = position + match.length;
        switch (spec.action) {
        case Action::Plain: emit(std::move(matched)); break;
        case Action::SoftHyphens: emit(removeSoftHyphens(matched)); break;
        case Action::Split:
            emit(matched.substr(0, spec.keep));
            next = position + spec.keep;
            break;
        case Action::SpacesToNbsp: emit(spacesToNbsp(std::move(matched))); break;
        case Action::Dash: emit(u"--"); break;
        case Action::Amp: emit(normalizeAmp(std::move(matched))); break;
        case Action::QuoteClosing: emit(latexQuotes(std::move(matched), false)); break;
        case Action::QuoteOpening: emit(latexQuotes(std::move(matched), true)); break;
        case Action::VulgarFraction:
            replaceAll(matched, u"\u00BC", u"1/4");
            replaceAll(matched, u"\u00BD", u"1/2");
            replaceAll(matched, u"\u00BE", u"3/4");
            replaceAll(matched, u"\u2153", u"1/3");
            replaceAll(matched, u"\u2154", u"2/3");
            emit(std::move(matched));
            break;
        case Action::Currency:
            replaceAll(matched, u"\u00A2", u"cents");
            replaceAll(matched, u"\u00A3", u"#");
            for (auto &c : matched)
                if (c == 0x0080 || c == 0x00A4 || c == 0x20A0 || c == 0x20AC)
                    c = u'$';
            emit(std::move(matched));
            break;
        case Action::Acronym:
            if (matched.size() == 2) { // "I." and the like: the letter, then the period
                emit(matched.substr(0, 1));
                next = position + 1;
            } else { // the acronym with its period, and the period once more as a sentence end
                emit(std::move(matched));
                next = position + match.length - 1;
            }
            break;
        case Action::PeriodAgain:
            emit(std::move(matched));
            next = position + match.length - 1;
            break;
        case Action::Phone: emit(parenthesesToPtb(spacesToNbsp(std::move(matched)))); break;
        case Action::Parentheses: emit(parenthesesToPtb(std::move(matched))); break;
        case Action::Fixed: emit(spec.fixed); break;
        case Action::Hyphens: emit(matched.size() >= 3 && matched.size() <= 4 ? u"--" : matched); break;
        case Action::Ellipsis: emit(u"..."); break;
        case Action::Skip: break;
        case Action::Newline: tokens.push_back({{}, true}); break;
        case Action::Untokenizable: ++m_untokenizable; break;
        }
        position = next;
    }
    return tokens;
}

} // namespace vindex::eval
