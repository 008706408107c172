using System.Runtime.CompilerServices;

// The display tests check the renderer's parts (ticks, font, canvas, SVG escaping) directly.
[assembly: InternalsVisibleTo("GenCourse.Tests")]
