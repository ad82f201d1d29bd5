"""Stories and threads: which articles tell the same story, and which stories one recurring topic.

    from narrascope.stories import assign_stories, list_stories, get_story
    summary = assign_stories(store)             # incremental: only articles without a story
    for story in list_stories(store, limit=10): print(story.label, story.first_published)

`assign_stories` is the corpus-level "stories" stage (it owns `Article.story_id` and `thread_id`);
see `assign.py` for the method and `settings/stories.py` for its thresholds.
"""
from __future__ import annotations

from .assign import StoryRunSummary, assign_stories
from .read import Story, Thread, get_story, get_thread, list_stories, list_threads

__all__ = ["Story", "StoryRunSummary", "Thread", "assign_stories", "get_story", "get_thread",
           "list_stories", "list_threads"]
