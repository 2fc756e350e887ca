"""Documents in and out: the issue as Word and PDF files in the printed bulletin layout.

Writers (``blocks``, ``layout``, ``docx_writer``, ``pdf_writer``) share one walk of the
issue with the plain-text export; readers turn PDF and Word files into lines for the one
bulletin parser. Nothing here is imported until a command needs it.
"""
