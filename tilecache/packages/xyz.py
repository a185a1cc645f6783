"""The XYZ folder kind: {z}/{x}/{y}.png|jpg files, named by that template as an OUTPUT
and as an INPUT, or found by its zoom/column folders (docs/formats.md#xyz-folder; the
code is in tilecache/open_formats/xyz)."""
from ..open_formats.xyz.layout import looks_like_xyz, split_template
from ..open_formats.xyz.sink import XyzSink
from ..open_formats.xyz.source import XyzSource


class XyzKind:
    name = "XYZ folder"

    def names_output(self, path):
        return split_template(path) is not None

    def make_sink(self, output, scheme, levels):
        root, extension = split_template(output)
        return XyzSink(root, scheme, levels, extension)

    def is_input(self, path):
        return split_template(path) is not None or looks_like_xyz(str(path))

    def open(self, path):
        template = split_template(path)
        return XyzSource(template[0] if template else str(path), path)


KIND = XyzKind()
