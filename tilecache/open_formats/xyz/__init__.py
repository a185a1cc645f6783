"""XYZ tile folders, {z}/{x}/{y}.png|jpg: the web's tile layout (docs/formats.md#xyz-folder)."""
