print("markdown-bench: not yet")
