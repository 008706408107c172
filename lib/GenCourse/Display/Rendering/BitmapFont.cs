namespace GenCourse.Display.Rendering;

/// <summary>
/// The course's own 5×9 bitmap font, drawn for this library: rows 0–6 hold capitals and
/// digits (baseline under row 6), rows 7–8 hold descenders (g, j, p, q, y, comma).
/// It covers printable ASCII (32–126) plus the symbols a course on generative models
/// writes in labels: Greek letters, − × · … ± ° ≤ ≥ ≈ → ∇ √, super- and subscript digits.
/// Any other character is drawn as a box.
/// </summary>
internal static class BitmapFont
{
    public const int GlyphWidth = 5;
    public const int GlyphHeight = 9;
    public const int CapHeight = 7;
    /// <summary>Horizontal distance between glyph origins (one column of spacing).</summary>
    public const int Advance = 6;
    /// <summary>Vertical distance between baselines of consecutive lines.</summary>
    public const int LineHeight = 11;

    // One glyph = 9 rows × 5 bits, row 0 in the highest bits, the leftmost column in each
    // row's highest bit: bit (44 − 5·row − col) is set when pixel (col, row) is ink.
    private static readonly ulong[] Ascii =
    [
        0x000000000000, 0x042108401000, 0x0A5000000000, 0x0A57D5F52800, // space  !  "  #
        0x047D1C5F1000, 0x18C888898C00, 0x0C9511593400, 0x042200000000, // $  %  &  '
        0x022210820800, 0x082084222000, 0x00255D520000, 0x00213E420000, // (  )  *  +
        0x000000063088, 0x00003E000000, 0x000000063000, 0x010888884000, // ,  -  .  /
        0x0E8CEB98B800, 0x046108423800, 0x0E8844447C00, 0x1F110418B800, // 0  1  2  3
        0x0232A5F10800, 0x1F878218B800, 0x06443D18B800, 0x1F0888842000, // 4  5  6  7
        0x0E8C5D18B800, 0x0E8C5E113000, 0x006300C60000, 0x006300C61100, // 8  9  :  ;
        0x022220820800, 0x0007C1F00000, 0x082082222000, 0x0E8844401000, // <  =  >  ?
        0x0E885B5AB800, 0x0E8C7F18C400, 0x1E8C7D18F800, 0x0E8C2108B800, // @  A  B  C
        0x1C9463197000, 0x1F843D087C00, 0x1F843D084000, 0x0E8C2F18BC00, // D  E  F  G
        0x118C7F18C400, 0x0E2108423800, 0x071084293000, 0x119531494400, // H  I  J  K
        0x108421087C00, 0x11DD6B18C400, 0x118E6B38C400, 0x0E8C6318B800, // L  M  N  O
        0x1E8C7D084000, 0x0E8C63593400, 0x1E8C7D494400, 0x0F841C10F800, // P  Q  R  S
        0x1F2108421000, 0x118C6318B800, 0x118C63151000, 0x118C6B5AA800, // T  U  V  W
        0x118A88A8C400, 0x118A88421000, 0x1F0888887C00, 0x0E4210843800, // X  Y  Z  [
        0x108208208400, 0x0E1084213800, 0x045440000000, 0x0000000003E0, // \  ]  ^  _
        0x082080000000, 0x000382F8BC00, 0x1085B318F800, 0x0003A108B800, // `  a  b  c
        0x010B6718BC00, 0x0003A3F83800, 0x064A38842000, 0x0003E318BC2E, // d  e  f  g
        0x1085B318C400, 0x040308423800, 0x020184210A4C, 0x1084A98A4800, // h  i  j  k
        0x0C2108423800, 0x0006AB5AD400, 0x0005B318C400, 0x0003A318B800, // l  m  n  o
        0x0005B318FA10, 0x00036718BC21, 0x0005B3084000, 0x0003E0E0F800, // p  q  r  s
        0x084710849800, 0x00046319B400, 0x000463151000, 0x0004635AA800, // t  u  v  w
        0x000454454400, 0x00046318BC2E, 0x0007C4447C00, 0x022110420800, // x  y  z  {
        0x042108421084, 0x082104422000, 0x00022A200000, // |  }  ~
    ];

    private static readonly Dictionary<char, ulong> Extra = new()
    {
        ['\u2212'] = 0x00003E000000, // −
        ['\u00D7'] = 0x008A88A88000, // ×
        ['\u00B7'] = 0x000018C00000, // ·
        ['\u2026'] = 0x000000005400, // …
        ['\u00B1'] = 0x0427C8407C00, // ±
        ['\u00B0'] = 0x0C9498000000, // °
        ['\u2264'] = 0x022208203C00, // ≤
        ['\u2265'] = 0x082088807800, // ≥
        ['\u2248'] = 0x006C80D90000, // ≈
        ['\u2192'] = 0x0020BE220000, // →
        ['\u2190'] = 0x00223E820000, // ←
        ['\u03B1'] = 0x000365293400, // α
        ['\u03B2'] = 0x0C94B9297210, // β
        ['\u03B3'] = 0x000454421080, // γ
        ['\u03B4'] = 0x0E411D18B800, // δ
        ['\u03B5'] = 0x0003A0C83800, // ε
        ['\u03B7'] = 0x0005B318C421, // η
        ['\u03B8'] = 0x0E8C7F18B800, // θ
        ['\u03BB'] = 0x104208A8C400, // λ
        ['\u03BC'] = 0x0004631CDA10, // μ
        ['\u03C0'] = 0x0007D4A52400, // π
        ['\u03C3'] = 0x0003E518B800, // σ
        ['\u03C4'] = 0x0007C8420800, // τ
        ['\u03C6'] = 0x0023AB571080, // φ
        ['\u03C9'] = 0x0002A35AA800, // ω
        ['\u03A3'] = 0x1F8208887C00, // Σ
        ['\u2207'] = 0x1F8C54A21000, // ∇
        ['\u221A'] = 0x072109461000, // √
        ['\u2070'] = 0x0E5294E00000, // ⁰
        ['\u00B9'] = 0x046108E00000, // ¹
        ['\u00B2'] = 0x0E1390E00000, // ²
        ['\u00B3'] = 0x0E1184E00000, // ³
        ['\u2074'] = 0x0A5384200000, // ⁴
        ['\u2075'] = 0x0E4384E00000, // ⁵
        ['\u2076'] = 0x0E4394E00000, // ⁶
        ['\u2077'] = 0x0E1088400000, // ⁷
        ['\u2078'] = 0x0E5394E00000, // ⁸
        ['\u2079'] = 0x0E5384E00000, // ⁹
        ['\u207B'] = 0x000380000000, // ⁻
        ['\u2080'] = 0x000000E5294E, // ₀
        ['\u2081'] = 0x00000046108E, // ₁
        ['\u2082'] = 0x000000E1390E, // ₂
        ['\u2083'] = 0x000000E1184E, // ₃
        ['\u2084'] = 0x000000A53842, // ₄
        ['\u2085'] = 0x000000E4384E, // ₅
        ['\u2086'] = 0x000000E4394E, // ₆
        ['\u2087'] = 0x000000E10884, // ₇
        ['\u2088'] = 0x000000E5394E, // ₈
        ['\u2089'] = 0x000000E5384E, // ₉
        ['\uFFFD'] = 0x1F8C6318FC00, // �
    };

    private static readonly ulong Missing = Extra['\uFFFD'];

    /// <summary>The 45-bit pattern of a character (a box for one the font lacks).</summary>
    public static ulong Glyph(char c)
    {
        if (c >= ' ' && c <= '~') return Ascii[c - ' '];
        return Extra.TryGetValue(c, out ulong g) ? g : Missing;
    }

    /// <summary>Whether the font draws <paramref name="c"/> itself (rather than as a box).</summary>
    public static bool Covers(char c) => (c >= ' ' && c <= '~') || Extra.ContainsKey(c);

    /// <summary>Whether pixel (<paramref name="col"/>, <paramref name="row"/>) of a glyph is ink.</summary>
    public static bool Ink(ulong glyph, int col, int row) =>
        ((glyph >> (GlyphWidth * GlyphHeight - 1 - (GlyphWidth * row + col))) & 1UL) != 0;

    /// <summary>Width in pixels of a single line of text at an integer scale (no trailing gap).</summary>
    public static int MeasureWidth(string text, int scale) =>
        text.Length == 0 ? 0 : (text.Length * Advance - 1) * scale;
}
