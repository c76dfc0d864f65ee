"""mali-news: builds a versioned dataset of news articles from raw page text."""

__version__ = "0.1.0"
