"""Read the links and forms out of a page with the standard library's HTML parser.

The crawler only needs what a browser would send: each ``<a href>``, and each ``<form>`` with its
method, action, encoding and fields (name, type, current value, the choices of a select or a
radio group, whether a checkbox is ticked). Submit buttons with a name count as fields, because
a browser sends the pressed button's name and value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    """One named control of a form; ``choices`` lists the offered values of a select or radio group."""

    name: str
    kind: str  # text, textarea, select, select-multiple, radio, checkbox, file, hidden, submit, number, date, …
    value: str = ""
    choices: list[str] = field(default_factory=list)
    checked: bool = False
    required: bool = False
    selected: list[str] = field(default_factory=list)  # ticked boxes of a group, chosen options of a multi-select


@dataclass
class Form:
    """A form as the page offers it."""

    method: str
    action: str
    enctype: str
    fields: list[Field] = field(default_factory=list)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def signature(self) -> tuple[str, ...]:
        """The field names and kinds: two forms with the same action and signature are the same form."""
        return tuple(sorted(f"{f.name}:{f.kind}" for f in self.fields))


@dataclass
class Page:
    links: list[str] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._form: Form | None = None
        self._select: Field | None = None
        self._in_option = False
        self._option_value: str | None = None
        self._option_text: list[str] = []
        self._option_selected = False
        self._textarea: Field | None = None
        self._text: list[str] = []

    # --- helpers

    def _add(self, control: Field) -> None:
        if self._form is None:
            return
        if control.kind in ("radio", "checkbox"):
            existing = self._form.field(control.name)
            if existing is not None and existing.kind == control.kind:
                existing.choices += control.choices
                if control.checked:
                    existing.checked = True
                    existing.value = control.value
                    existing.selected.append(control.value)
                return
        self._form.fields.append(control)

    # --- parser callbacks

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "a" and "href" in a:
            self.page.links.append(a["href"])
        elif tag == "form":
            self._form = Form(
                method=(a.get("method") or "get").lower(),
                action=a.get("action", ""),
                enctype=(a.get("enctype") or "application/x-www-form-urlencoded").lower(),
            )
            self.page.forms.append(self._form)
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            value = a.get("value", "on" if kind in ("checkbox", "radio") else "")
            control = Field(name=a["name"], kind=kind, value=value, checked="checked" in a,
                            required="required" in a)
            if kind in ("checkbox", "radio"):
                control.choices = [value]
                control.selected = [value] if control.checked else []
                if not control.checked:
                    control.value = ""
            self._add(control)
        elif tag == "button" and a.get("name") and (a.get("type") or "submit").lower() == "submit":
            self._add(Field(name=a["name"], kind="submit", value=a.get("value", "")))
        elif tag == "select" and a.get("name"):
            kind = "select-multiple" if "multiple" in a else "select"
            self._select = Field(name=a["name"], kind=kind, required="required" in a)
            self._add(self._select)
        elif tag == "option" and self._select is not None:
            self._close_option()  # an <option> may go unclosed
            self._in_option = True
            self._option_value = a.get("value")
            self._option_text = []
            self._option_selected = "selected" in a
        elif tag == "textarea" and a.get("name"):
            self._textarea = Field(name=a["name"], kind="textarea", required="required" in a)
            self._text = []
            self._add(self._textarea)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)
        if self._in_option:
            self._option_text.append(data)

    def _close_option(self) -> None:
        if self._select is None or not self._in_option:
            return
        value = self._option_value if self._option_value is not None else "".join(self._option_text).strip()
        self._select.choices.append(value)
        if self._option_selected:
            self._select.selected.append(value)
        if self._option_selected and not (self._select.kind == "select" and self._select.checked):
            self._select.value = value
            self._select.checked = True
        self._in_option = False
        self._option_value = None
        self._option_text = []
        self._option_selected = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "option":
            self._close_option()
        elif tag == "select":
            self._close_option()
            if self._select is not None and not self._select.checked and self._select.choices:
                self._select.value = self._select.choices[0]  # a browser sends the first option
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops one newline right after <textarea>.
            self._textarea.value = "".join(self._text).removeprefix("\n")
            self._textarea = None
        elif tag == "form":
            self._form = None


def scan(html: str) -> Page:
    """The links and forms of one HTML page."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.page
