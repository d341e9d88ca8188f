import UserAgent
