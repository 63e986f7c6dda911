"""The registry's pages, one module per page group: ``registry`` (企业名录: list, an enterprise's page,
create and edit), ``statuses`` (企业状态 periods), ``contacts`` (联系人) and ``tags`` (企业标签); ``base``
holds what their forms share. The import pages are core's, configured in ``import_urls``."""
