"""View models: what each page or report shows, as plain data, with no bytes written."""
