"""Nothing an editor types runs as code in a reader's browser (issue 11).

Each payload goes into every place an editor writes: the text fields of data/costs.yml,
data/sources.yml and data/clinic.yml, a glossary definition, a menu title, the front matter's
description and title, a page's text, and SITE_URL. In each place it must be either

- refused by step 1 of the build, with a message naming the file (checked one place at a time,
  without building: fast), or
- escaped: then a project with the payload in every place that step 1 accepts is built as
  `make site` builds it (one build per payload), the build must pass its own output checks, and
  in Debian's Chromium no dialog opens, no event-handler attribute or javascript: link exists, no
  injected <meta http-equiv> exists and the page does not go anywhere else, in both builds (the
  hosted one served on 127.0.0.1, the offline one from file://). The browser part is
tests/browser/test_injected_text.py; the payloads, places and builds are in tests/injection.py.
"""
from __future__ import annotations

import pytest

from guide.errors import GuideError
from guide.site_url import check_site_url
from injection import PAYLOADS, PLACES, pages_with_payload

@pytest.mark.parametrize("payload_name", PAYLOADS)
@pytest.mark.parametrize("place", PLACES, ids=[p.name for p in PLACES])
def test_a_refusal_names_the_file(payload_name, place, step_one_outcomes):
    errors = step_one_outcomes[(payload_name, place.name)]
    for error in errors:
        assert error.path == place.file, f"{place.name}: the refusal names {error.path}, not {place.file}: {error}"
        assert "What to do:" in str(error)


@pytest.mark.parametrize("payload_name", PAYLOADS)
def test_site_url_payload_is_refused(payload_name):
    with pytest.raises(GuideError, match=r"^SITE_URL: "):
        check_site_url("https://guide.example.org/" + PAYLOADS[payload_name])
    if not PAYLOADS[payload_name].startswith("javascript:"):
        with pytest.raises(GuideError, match=r"^SITE_URL: "):
            check_site_url(PAYLOADS[payload_name])


@pytest.mark.parametrize("payload_name", PAYLOADS)
def test_accepted_payloads_build_and_pass_the_output_checks(payload_name, payload_builds):
    out, accepted, result = payload_builds[payload_name]
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 0, (f"with {PAYLOADS[payload_name]!r} in {accepted}, the build failed (the payload "
                                    f"reached a page as code, or a message does not name the source file):\n{output}")
    assert pages_with_payload(out / "site"), "the payload reached no page: the browser test would check nothing"
