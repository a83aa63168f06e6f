"""The central side: turn a site folder of ``playlists/`` into a bundle a web server serves."""
