"""File formats. Each module reads files into plain data and writes plain data back.

The model never imports a format; a format never imports another format.
"""
