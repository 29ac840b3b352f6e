"""The guide's build pipeline: from an editor's files to a published site.

The recipe (guide/pipeline.py) runs the same steps on every route (`make site`, `make check`,
CI, the Pages workflow):

1. check the sources before any engine runs  (guide/check_sources.py)
2. build with the engine, warnings as errors   (guide/engine.py)
3. finish the built folder                     (guide/finish.py)
4. verify the output: the output firewall      (guide/verify.py)
5. publish atomically, under a lock            (guide/publish.py)

Every step reports mistakes as guide.errors.GuideError: file, line, problem, what to do.
"""
