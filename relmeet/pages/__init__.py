"""Pages: Rich renderings of the book's read models, shared by the app and the shell."""
