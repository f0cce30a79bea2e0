"""The book's Sphinx extension (tools/sphinx_lossbook.py) on small inputs: no build needed.

The built site is checked in tests/test_site_static.py and tests/test_site_browser.py.
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import sphinx_lossbook as ext  # noqa: E402


@pytest.mark.parametrize("html, expected", [
    ("<p>Cross-entropy (交叉熵)</p>", '<p>Cross-entropy (<span lang="zh">交叉熵</span>)</p>'),
    # a run keeps the Chinese punctuation between its characters, not around it
    ("<li>均方误差，平均绝对误差。</li>", '<li><span lang="zh">均方误差，平均绝对误差</span>。</li>'),
    # attributes, the <title>, scripts and styles are not text
    ('<title>交叉熵</title><a title="交叉熵" href="#">x</a><script>var s = "熵";</script>',
     '<title>交叉熵</title><a title="交叉熵" href="#">x</a><script>var s = "熵";</script>'),
    # maths is TeX for MathJax: a span inside it would break it; code stays as written
    (r'<span class="math notranslate nohighlight">\(\text{熵} <span>x</span> 熵\)</span> 熵',
     r'<span class="math notranslate nohighlight">\(\text{熵} <span>x</span> 熵\)</span> <span lang="zh">熵</span>'),
    ('<div class="math notranslate">\\[\\text{熵}\\]</div><pre><span>"熵"</span></pre><code>熵</code>',
     '<div class="math notranslate">\\[\\text{熵}\\]</div><pre><span>"熵"</span></pre><code>熵</code>'),
    # already tagged: left alone, so a second pass changes nothing
    ('<span lang="zh">交叉熵</span> and <span lang="zh-CN"><b>熵</b></span>',
     '<span lang="zh">交叉熵</span> and <span lang="zh-CN"><b>熵</b></span>'),
    ("<p>no Chinese here</p><br/><img src='a.png'/>", "<p>no Chinese here</p><br/><img src='a.png'/>"),
])
def test_chinese_runs_get_lang_zh(html, expected):
    assert ext.tag_chinese(html) == expected
    assert ext.tag_chinese(expected) == expected


def test_search_index_holds_the_words_inside_chinese_runs():
    pytest.importorskip("jieba", reason="jieba is not installed: pip install -r requirements.txt")
    lang = ext.SearchEnglishWithChinese({})
    words = lang.split("Cross-entropy (交叉熵) as a loss: 如何选择损失函数, 损失函数对比 and MSE均方误差")
    # English words as Sphinx splits them
    assert {"Cross", "entropy", "as", "loss", "and", "MSE"} <= set(words)
    # the dictionary's words inside each run, and its characters; not the runs themselves
    assert {"交叉", "熵", "如何", "选择", "损失", "函数", "对比", "误差", "均", "方"} <= set(words)
    assert not {"交叉熵", "如何选择损失函数", "损失函数对比"} & set(words)


def test_a_term_gets_the_same_index_words_wherever_it_stands():
    pytest.importorskip("jieba", reason="jieba is not installed: pip install -r requirements.txt")
    lang = ext.SearchEnglishWithChinese({})
    alone = set(lang.split("损失函数"))
    for context in ["更多损失函数", "损失函数对比", "如何选择损失函数", "常见的损失函数有"]:
        assert alone <= set(lang.split(context)), context
