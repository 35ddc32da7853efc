"""Component styles made solid for Line-API drawing.

A theme's colours may be translucent (`$primary 25%`) or "auto" (`$text-muted` is `auto 60%`: a
contrasting colour at 60%). Textual blends those when it renders its own widgets, but a Line-API
widget hands Rich styles to the terminal, and Rich has neither alpha nor "auto": unblended, muted
text comes out brighter than plain text. Here they are blended over what lies beneath, as CSS would.
"""

from __future__ import annotations

from rich.style import Style
from textual.color import Color
from textual.widget import Widget


def solid_style(widget: Widget, name: str, background: Color) -> tuple[Style, Color]:
    """The style of component class `name` drawn over `background`, and the background beneath its text."""
    styles = widget.get_component_styles(name)
    style = widget.get_component_rich_style(name, partial=True)
    if styles.has_rule("background"):
        background = background + styles.background
        style += Style(bgcolor=background.rich_color)
    if styles.has_rule("color"):
        color = styles.color
        if styles.has_rule("auto_color") and styles.auto_color:
            color = background.get_contrast_text(color.a)
        style += Style(color=(background + color).rich_color)
    return style, background
