"""The language of what lossbook shows a reader: English (default) or Chinese.

One switch, :func:`set_language`, chooses the language of the explorers' live widgets
(controls, read-outs, figure text where a CJK font is available). Computed values,
function results and ``str()`` of library objects do not change with it, so a notebook's
numbers and printed outputs are the same in both editions.

The static (no-kernel) form of an explorer always carries both languages; its script
picks one from the nearest ``lang`` attribute of the page (``<html lang="zh-CN">`` on the
Chinese website). While the language is ``"zh"`` an explorer's static form is marked
``lang="zh-CN"`` itself, so a Chinese notebook reads in Chinese in JupyterLab too.
"""

from ._validation import choice

LANGUAGES = ("en", "zh")
_state = {"language": "en"}


class Text(str):
    """Words a reader sees, in both languages: the string itself is the English, ``.zh`` the Chinese.

    Being a ``str``, a :class:`Text` goes wherever the English did (``str(t)``, ``t in page``);
    :func:`lossbook.explorers.localize` picks a language; two Texts are equal when both
    languages are.
    """

    def __new__(cls, en, zh):
        for lang, value in (("en", en), ("zh", zh)):
            if not isinstance(value, str) or not value:
                raise ValueError(f"Text: {lang} must be a non-empty string, got {value!r}")
        text = super().__new__(cls, en)
        text.zh = str(zh)
        return text

    @property
    def en(self):
        return str.__str__(self)

    def in_language(self, language):
        """The words in ``language`` ('en' or 'zh')."""
        return self.zh if language == "zh" else self.en

    def __repr__(self):
        return f"Text({self.en!r}, {self.zh!r})"

    def __eq__(self, other):
        if isinstance(other, Text):
            return self.en == other.en and self.zh == other.zh
        return str.__eq__(self, other)

    __hash__ = str.__hash__

    def __reduce__(self):
        return (Text, (self.en, self.zh))


def set_language(language):
    """Choose the language of the explorers: ``"en"`` (the default) or ``"zh"`` (Chinese).

    The Chinese notebooks call ``lossbook.set_language("zh")`` in their first cell.

    Parameters
    ----------
    language : {'en', 'zh'}
        The language of labels, options, read-outs and lead-ins of every explorer
        displayed from now on in this process.

    Returns
    -------
    str
        The language that was set before (to restore it later).

    Raises
    ------
    TypeError
        ``language`` is not a string.
    ValueError
        ``language`` is not one of ``'en'``, ``'zh'``.

    Notes
    -----
    Used by the explorers of chapters 1 to 6. Numbers, function results and printed
    library objects are the same in both languages.

    References
    ----------
    .. [1] W3C, "Language tags in HTML and XML" (the ``lang`` attribute the static form reads). https://www.w3.org/International/articles/language-tags/

    Examples
    --------
    >>> import lossbook as lb
    >>> previous = lb.set_language("zh")
    >>> lb.get_language()
    'zh'
    >>> _ = lb.set_language(previous)
    """
    choice(language, "language", LANGUAGES)
    previous, _state["language"] = _state["language"], language
    return previous


def get_language():
    """The language set by :func:`set_language`: ``"en"`` or ``"zh"``.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        Never: it takes no arguments (listed for the package's docstring contract).

    Notes
    -----
    Used by the explorers of chapters 1 to 6.

    References
    ----------
    .. [1] W3C, "Language tags in HTML and XML". https://www.w3.org/International/articles/language-tags/
    """
    return _state["language"]
