"""The thin MkDocs adapter: the only place MkDocs touches the generator."""
