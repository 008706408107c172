namespace GenCourse.Display.Rendering;

/// <summary>A point in figure coordinates: pixels from the top-left corner, y pointing down.</summary>
internal readonly record struct PointD(double X, double Y);

/// <summary>An axis-aligned rectangle in figure coordinates.</summary>
internal readonly record struct Rect(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;
    public double CenterX => X + Width / 2;
    public double CenterY => Y + Height / 2;
    public bool Contains(PointD p) => p.X >= X && p.X <= Right && p.Y >= Y && p.Y <= Bottom;
}

/// <summary>What a piece of text is: each role has its own size in each backend.</summary>
internal enum TextRole { Title, Label, Tick, Legend, Caption, Note, Value }

internal enum HAlign { Left, Center, Right }

/// <summary>Which height of the text the anchor's y names: cap top, cap middle, baseline, descender bottom.</summary>
internal enum VAlign { Top, Middle, Baseline, Bottom }

internal enum MarkerShape { Circle, Square }
