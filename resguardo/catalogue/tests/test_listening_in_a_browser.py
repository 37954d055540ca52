"""In Chromium, a recording's page fetches none of its sound until the reader presses play;
then the light audio plays, through the browser's own player (issue 15)."""

import pytest

from resguardo.catalogue import light
from resguardo.catalogue.tests.recordings import make_recording, with_recording
from resguardo.tests.browser import chromium


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nothing_is_fetched_before_play_and_the_light_audio_plays(live_server, settings,
                                                                   tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "files"
    resource = with_recording(make_recording(tmp_path / "talk.mp3", seconds=6))
    light.make_light_versions.call(resource.pk, resource.file_sha256)
    asked: list[str] = []
    with chromium() as browser:
        page = browser.new_page()
        page.on("request", lambda request: asked.append(request.url))
        page.goto(live_server.url + resource.get_absolute_url())
        page.wait_for_load_state("networkidle")
        assert not [url for url in asked if "/light/" in url or "/file" in url]

        player = page.locator("audio")
        box = player.bounding_box()
        assert box is not None
        with page.expect_request(lambda request: "/light/audio" in request.url):
            page.mouse.click(box["x"] + 20, box["y"] + box["height"] / 2)  # its play button
        for _ in range(150):  # polled: the page's policy forbids the eval of wait_for_function
            if player.evaluate("audio => audio.currentTime") > 0.5:
                break
            page.wait_for_timeout(100)
        assert player.evaluate("audio => audio.currentTime") > 0.5, "it did not play"
        assert not [url for url in asked if url.endswith("/file")]  # not the original
