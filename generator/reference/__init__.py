"""Reference data shared by the stages, not a stage itself: the gazetteer of
places (:mod:`.gazetteer`), the genre's vocabulary (:mod:`.vocabulary`), the
jieba lexicon (:mod:`.lexicon`) and the traditional->simplified table
(:mod:`.hanzi`).  Data files live in ``data/`` beside them and are read with
one loader (:mod:`.loader`)."""
